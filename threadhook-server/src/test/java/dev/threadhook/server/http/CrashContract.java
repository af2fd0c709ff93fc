package dev.threadhook.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.http.RateLimit;
import dev.threadhook.server.webhooks.WebhookConfig;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.storage.Database;
import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.testing.RecordingReceiver;
import dev.threadhook.server.testing.RecordingReceiver.Answer;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.Http;
import dev.threadhook.server.testing.ChildServer;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL, or stopped with SIGTERM, under load loses none of the messages
 * it acknowledged.
 */
abstract class CrashContract {
  private static final List<String> NO_RATE_LIMIT = List.of("--rate-limit", "0");

  abstract DatabaseKind database();

  @TempDir Path dataDir;

  @Test
  void acknowledgedMessagesSurviveSigkillUnderLoad() throws Exception {
    stopUnderLoadThenCheckEveryAcknowledgedMessage(ChildServer::kill);
  }

  @Test
  void acknowledgedMessagesSurviveSigtermUnderLoad() throws Exception {
    stopUnderLoadThenCheckEveryAcknowledgedMessage(ChildServer::stop);
  }

  @Test
  void sigtermHandsBackTheClaimsBeforeTheDatabaseClosesAndExitsAsTheJvmWould() throws Exception {
    DatabaseConfig database = newDatabase();
    TestOrganization org = seed(database);
    try (RecordingReceiver hanging = RecordingReceiver.start().respondWith(r -> Answer.hang());
        ChildServer server = ChildServer.start(dataDir, database, NO_RATE_LIMIT)) {
      server.http().post("/api/update-hook-url").token(org.botToken())
          .json("{\"url\":\"" + hanging.url() + "\"}").send().assertCode(200);
      server.http().post("/api/send-message-to-customer-thread").token(org.botToken())
          .json("{\"text\":\"hello\",\"customerThreadId\":" + org.threadInA() + "}")
          .send().assertCode(200);
      hanging.awaitRequests(1);

      server.stop();

      // The embedded H2 closes its database from a shutdown hook of its own: a server stopped
      // from one raced it, warned that it could not hand back its claims, and left them leased.
      assertThat(server.output()).doesNotContain("WARN", "ERROR", "Exception");
      assertThat(server.exitStatus()).isEqualTo(143);
    }
    try (Database db = Database.openMigrating(database)) {
      db.awaitMigrations();
      int leased = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT count(*) FROM webhook_deliveries WHERE lease_owner IS NOT NULL")
          .mapTo(Integer.class).one());
      assertThat(leased).as("deliveries still leased to the stopped server").isZero();
    }
  }

  /** Sends from 4 connections, stops the server once 50 are acknowledged, restarts it, checks. */
  private void stopUnderLoadThenCheckEveryAcknowledgedMessage(Consumer<ChildServer> stop)
      throws Exception {
    DatabaseConfig database = newDatabase();
    TestOrganization org = seed(database);

    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    try (ChildServer server = ChildServer.start(dataDir, database, NO_RATE_LIMIT)) {
      Http http = new Http(server.baseUrl());
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService senders = Executors.newFixedThreadPool(4);
      for (int s = 0; s < 4; s++) {
        long thread = s % 2 == 0 ? org.threadInA() : org.threadInB();
        senders.submit(() -> {
          for (int i = 0; running.get(); i++) {
            try {
              Http.Response response = http.post("/api/send-message-to-customer-thread")
                  .token(org.botToken())
                  .json("{\"text\":\"load " + i + "\",\"customerThreadId\":" + thread + "}").send();
              if (response.code() == 200) acknowledged.add(response.json().path("id").asLong());
            } catch (RuntimeException connectionDroppedByTheStop) {
              return;
            }
          }
        });
      }
      // Stop once enough is acknowledged, however slow a loaded machine makes that.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acknowledged.size() < 50 && System.nanoTime() < deadline) Thread.sleep(20);
      stop.accept(server);
      running.set(false);
      senders.shutdown();
      assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).as("messages acknowledged before the stop").hasSizeGreaterThan(20);

    try (ChildServer restarted = ChildServer.start(dataDir, database, NO_RATE_LIMIT)) {
      Http http = new Http(restarted.baseUrl());
      Set<Long> stored = ConcurrentHashMap.newKeySet();
      for (long thread : List.of(org.threadInA(), org.threadInB())) {
        String after = "";
        do {
          var page = http.get("/api/customer-threads/" + thread + "/messages?limit=200&after=" + after)
              .token(org.botToken()).send().assertCode(200).json();
          page.path("items").forEach(m -> stored.add(m.path("id").asLong()));
          after = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (after != null);
      }
      assertThat(stored).containsAll(acknowledged);
    }
  }

  private DatabaseConfig newDatabase() {
    return database() == DatabaseKind.H2
        ? DatabaseConfig.h2File(dataDir) : TestPostgres.get().newDatabase();
  }

  /** An organization with its threads, written by a server in this JVM that is then closed. */
  private TestOrganization seed(DatabaseConfig database) {
    try (ThreadhookServer setup = ThreadhookServer.open(
        new ServerConfig("127.0.0.1", 0, dataDir, database, false, RateLimit.OFF,
            WebhookConfig.defaults()))) {
      return TestOrganization.create(setup, "Acme");
    }
  }
}
