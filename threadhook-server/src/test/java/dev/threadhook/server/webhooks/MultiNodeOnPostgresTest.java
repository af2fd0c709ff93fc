package dev.threadhook.server.webhooks;

import static dev.threadhook.server.testing.RecordingReceiver.Answer.delayed;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.ok;
import static dev.threadhook.server.webhooks.WebhookOrderContract.acknowledged;
import static dev.threadhook.server.webhooks.WebhookOrderContract.assertOrderPerThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.http.RateLimit;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.testing.ChildServer;
import dev.threadhook.server.testing.Http;
import dev.threadhook.server.testing.RecordingReceiver;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestPostgres;
import dev.threadhook.server.testing.WebhookFixtures;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL share the deliveries; when one is killed in the middle of its
 * attempts, the other takes its claims over once their leases end, and every thread's order
 * holds throughout. Each node takes at most 3 attempts at once to the hook, so with 6 threads
 * both have work; the hook takes 150 ms to answer, so both have attempts out when one dies.
 */
class MultiNodeOnPostgresTest {
  /**
   * More threads than one node may hold for the hook (3 attempts at once, 4 × 3 claimed): a
   * node keeps the threads it is working on (it claims a thread's next message in the turn that
   * settles the previous one), so with fewer threads one node could rightly take them all.
   */
  private static final int THREADS = 24;
  private static final int MESSAGES_PER_THREAD = 8;

  @Test
  void twoNodesShareTheWorkAndTheSurvivorTakesOverTheKilledNodesClaims() throws Exception {
    DatabaseConfig database = TestPostgres.get().newDatabase();
    ServerConfig config = new ServerConfig("127.0.0.1", 0,
        Files.createTempDirectory("threadhook-node1-"), database, true, RateLimit.OFF,
        WebhookFixtures.fast().lease(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200))
            .maxConcurrentPerEndpoint(3).build());
    List<String> node2Options = new ArrayList<>(CrashRecoveryContract.QUICK_WEBHOOKS);
    node2Options.addAll(List.of("--webhook-max-concurrent-per-endpoint", "3"));

    try (RecordingReceiver receiver = RecordingReceiver.start()
            .respondWith(r -> delayed(Duration.ofMillis(150), ok()));
        ThreadhookServer node1 = ThreadhookServer.start(config);
        ChildServer node2 = ChildServer.start(
            Files.createTempDirectory("threadhook-node2-"), database, node2Options)) {
      Jdbi jdbi = node1.database().jdbi();
      TestOrganization org = TestOrganization.create(node1, "two nodes");
      Http http1 = new Http(node1.baseUrl());
      Http http2 = node2.http();
      http1.post("/api/update-hook-url").token(org.botToken())
          .json("{\"url\":\"" + receiver.url() + "\"}").send().assertCode(200);

      Map<Long, List<Long>> sentByThread = new LinkedHashMap<>();
      for (int m = 0; m < MESSAGES_PER_THREAD; m++) {
        for (int t = 0; t < THREADS; t++) {
          Http through = (t + m) % 2 == 0 ? http1 : http2;
          JsonNode answer = through.post("/api/channel/messages").token(org.channelKeyA())
              .json("{\"customer\":{\"externalId\":\"node-customer-" + t + "\"},\"text\":\"m" + m
                  + "\"}")
              .send().assertCode(200).json();
          sentByThread.computeIfAbsent(answer.path("customerThreadId").asLong(),
              k -> new ArrayList<>()).add(answer.path("messageId").asLong());
        }
      }

      await().atMost(Duration.ofSeconds(20))
          .until(() -> !inFlight(jdbi, node2.nodeId()).isEmpty());
      node2.kill();
      List<long[]> orphaned = inFlight(jdbi, node2.nodeId());
      assertThat(orphaned).as("deliveries the killed node held").isNotEmpty();

      Set<Long> all = new HashSet<>();
      sentByThread.values().forEach(all::addAll);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> acknowledged(receiver.requests()).containsAll(all));
      assertOrderPerThread(receiver.requests(), sentByThread);

      for (long[] claim : orphaned) {
        long delivery = claim[0];
        int killedAttempt = (int) claim[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbi.withHandle(h -> h.createQuery(
                "SELECT status FROM webhook_deliveries WHERE id = :id")
            .bind("id", delivery).mapTo(String.class).one()).equals("delivered"));
        List<String> takenOverBy = jdbi.withHandle(h -> h.createQuery(
                "SELECT node FROM webhook_attempts WHERE delivery_id = :id AND attempt > :killed")
            .bind("id", delivery).bind("killed", killedAttempt).mapTo(String.class).list());
        assertThat(takenOverBy).as("attempts after the killed node's attempt %s of delivery %s",
            killedAttempt, delivery).contains(node1.webhooks().nodeId());
      }
      List<String> nodes = jdbi.withHandle(h -> h.createQuery(
          "SELECT DISTINCT node FROM webhook_attempts").mapTo(String.class).list());
      assertThat(nodes).as("both nodes made attempts")
          .contains(node1.webhooks().nodeId(), node2.nodeId());
    }
  }

  /** In-flight deliveries a node holds: id and attempt number. */
  private static List<long[]> inFlight(Jdbi jdbi, String node) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, attempts FROM webhook_deliveries"
            + " WHERE status = 'in_flight' AND lease_owner = :node")
        .bind("node", node)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .list());
  }
}
