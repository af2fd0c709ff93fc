package dev.threadhook.server.webhooks;

import static dev.threadhook.server.testing.RecordingReceiver.Answer.delayed;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.ok;
import static dev.threadhook.server.webhooks.WebhookOrderContract.acknowledged;
import static dev.threadhook.server.webhooks.WebhookOrderContract.assertOrderPerThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.testing.ChildServer;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.Http;
import dev.threadhook.server.testing.RecordingReceiver;
import dev.threadhook.server.testing.SeededOrganization;
import dev.threadhook.server.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A server killed with SIGKILL while messages pour in and deliveries are out loses nothing:
 * after a restart, every message whose send was acknowledged reaches the hook, in order per
 * thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrashRecoveryContract {
  static final List<String> QUICK_WEBHOOKS = List.of(
      "--webhook-connect-timeout", "1s", "--webhook-request-timeout", "1s",
      "--webhook-lease", "3s", "--webhook-poll-interval", "200ms",
      "--webhook-retry-schedule", "100ms,100ms,200ms,200ms,500ms,500ms,1s,1s,1s,1s");

  abstract DatabaseKind database();

  @Test
  void everyAcknowledgedMessageArrivesAfterTheServerIsKilledUnderLoad() throws Exception {
    Path dataDir = Files.createTempDirectory("threadhook-crash-");
    DatabaseConfig db = database() == DatabaseKind.H2
        ? DatabaseConfig.h2File(dataDir)
        : TestPostgres.get().newDatabase();
    SeededOrganization org = SeededOrganization.create(db);
    try (RecordingReceiver receiver = RecordingReceiver.start()
        .respondWith(r -> delayed(Duration.ofMillis(25), ok()))) {
      Load load;
      Set<Long> receivedBeforeKill;
      try (ChildServer first = ChildServer.start(dataDir, db, QUICK_WEBHOOKS)) {
        first.http().post("/api/update-hook-url").token(org.botToken())
            .json("{\"url\":\"" + receiver.url() + "\"}").send().assertCode(200);
        load = Load.start(first.http(), org.channelKey(), 4);
        await().atMost(Duration.ofSeconds(30))
            .until(() -> load.acknowledgedCount() >= 60 && receiver.requests().size() >= 10);

        first.kill();
        receivedBeforeKill = acknowledged(receiver.requests());
        load.stop();
      }
      Set<Long> sent = load.allAcknowledged();
      assertThat(sent).as("acknowledged sends not yet delivered when the server died")
          .isNotEmpty().matches(ids -> !receivedBeforeKill.containsAll(ids));

      try (ChildServer second = ChildServer.start(dataDir, db, QUICK_WEBHOOKS)) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                acknowledged(receiver.requests()))
            .as("messages delivered after the restart; the restarted server said:%n%s",
                second.output())
            .containsAll(sent));
        assertOrderPerThread(receiver.requests(), load.acknowledgedByThread());
      }
    }
  }

  /** Customers writing as fast as the server takes it, one thread each, until stopped. */
  static final class Load {
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Long, List<Long>> byThread = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);

    static Load start(Http http, String channelKey, int customers) {
      Load load = new Load();
      for (int c = 0; c < customers; c++) {
        String customer = "crash-customer-" + c;
        load.senders.execute(() -> load.send(http, channelKey, customer));
      }
      return load;
    }

    private void send(Http http, String channelKey, String customer) {
      List<Long> mine = new ArrayList<>();
      for (int i = 0; running.get(); i++) {
        JsonNode answer;
        try {
          Http.Response response = http.post("/api/channel/messages").token(channelKey)
              .json("{\"customer\":{\"externalId\":\"" + customer + "\"},\"text\":\"m" + i + "\"}")
              .send();
          if (response.code() != 200) return;
          answer = response.json();
        } catch (RuntimeException serverGone) {
          return;
        }
        mine.add(answer.path("messageId").asLong());
        byThread.put(answer.path("customerThreadId").asLong(), List.copyOf(mine));
        acknowledged.incrementAndGet();
      }
    }

    int acknowledgedCount() {
      return acknowledged.get();
    }

    void stop() {
      running.set(false);
      senders.close();
    }

    Map<Long, List<Long>> acknowledgedByThread() {
      return Map.copyOf(byThread);
    }

    Set<Long> allAcknowledged() {
      Set<Long> all = new HashSet<>();
      byThread.values().forEach(all::addAll);
      return all;
    }
  }
}
