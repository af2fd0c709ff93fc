package dev.threadhook.server.webhooks;

import static dev.threadhook.server.testing.WebhookFixtures.botSays;
import static dev.threadhook.server.testing.WebhookFixtures.setHookUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.RecordingReceiver;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import dev.threadhook.server.testing.WebhookFixtures;
import org.junit.jupiter.api.Test;

/** On H2, one server per database, a claim found at start was left by a server that died. */
class H2RestartTest {

  @Test
  void aServerStartingOnH2TakesBackClaimsLeftByADeadOneAtOnce() {
    try (TestServer server = WebhookFixtures.server(DatabaseKind.H2, WebhookFixtures.fast().build());
        RecordingReceiver receiver = RecordingReceiver.start()) {
      TestOrganization org = TestOrganization.create(server.server(), "restarted");
      setHookUrl(server, org.botToken(), receiver.url());
      long id = botSays(server, org.botToken(), org.threadInA(), "in flight when it died", false);
      receiver.takeRequest();
      WebhookFixtures.awaitDeliveryState(server, org.botToken(), id, "delivered");
      // As a server killed in the middle of the attempt leaves it: claimed, for another hour.
      server.server().database().jdbi().useHandle(h -> h.createUpdate(
              "UPDATE webhook_deliveries SET status = 'in_flight', lease_owner = 'dead-node',"
                  + " next_attempt_at = :hourLater WHERE message_id = :message")
          .bind("hourLater", System.currentTimeMillis() + 3_600_000).bind("message", id)
          .execute());

      server.restart();

      RecordingReceiver.Request again = receiver.takeRequest();
      assertThat(again.header("webhook-id")).isEqualTo("msg_" + id);
      assertThat(again.header("webhook-attempt")).isEqualTo("2");
    }
  }
}
