package dev.threadhook.server.webhooks;

import static dev.threadhook.server.testing.WebhookFixtures.botSays;
import static dev.threadhook.server.testing.WebhookFixtures.setHookUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.RecordingReceiver;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import dev.threadhook.server.testing.WebhookFixtures;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A commit on one node wakes the others through PostgreSQL's LISTEN/NOTIFY, not their poll. */
class PostgresWakeupsTest {

  @Test
  void aCommitOnOneNodeStartsTheDeliveryOnAnotherAtOnce() throws Exception {
    try (TestServer writer = WebhookFixtures.server(DatabaseKind.POSTGRESQL,
            WebhookFixtures.fast().build());
        RecordingReceiver receiver = RecordingReceiver.start()) {
      // The writing node delivers nothing, and the other one polls only every 30 s.
      writer.server().webhooks().close();
      ServerConfig config = writer.config().withWebhooks(WebhookFixtures.fast()
          .pollInterval(Duration.ofSeconds(30)).build())
          .withDataDir(Files.createTempDirectory("threadhook-listener-"));
      try (ThreadhookServer listener = ThreadhookServer.start(config)) {
        TestOrganization org = TestOrganization.create(writer.server(), "notified");
        setHookUrl(writer, org.botToken(), receiver.url());
        Thread.sleep(300);

        long sent = System.nanoTime();
        long id = botSays(writer, org.botToken(), org.threadInA(), "wake up", false);
        RecordingReceiver.Request request = receiver.takeRequest();

        assertThat(request.messageId()).isEqualTo(id);
        assertThat((request.receivedAtNanos() - sent) / 1_000_000)
            .as("ms from the commit on one node to the delivery by the other").isLessThan(3000);
      }
    }
  }
}
