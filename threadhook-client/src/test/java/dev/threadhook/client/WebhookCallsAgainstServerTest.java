package dev.threadhook.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadhook.api.WebhookDelivery;
import dev.threadhook.api.WebhookDeliveryStatus;
import dev.threadhook.api.WebhookState;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.RecordingReceiver;
import dev.threadhook.server.testing.RecordingReceiver.Answer;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import dev.threadhook.server.testing.WebhookFixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's webhook calls against the real server, its engine and a real receiver. */
class WebhookCallsAgainstServerTest {
  private TestServer server;
  private TestOrganization org;
  private RecordingReceiver receiver;
  private ThreadhookClient bot;

  @BeforeEach
  void start() {
    server = WebhookFixtures.server(DatabaseKind.H2, WebhookFixtures.fast().build());
    org = TestOrganization.create(server.server(), "Acme");
    receiver = RecordingReceiver.start();
    bot = ThreadhookClient.create(server.baseUrl(), org.botToken());
  }

  @AfterEach
  void stop() {
    bot.close();
    receiver.close();
    server.close();
  }

  @Test
  void failedDeliveryIsVisibleWithItsAttemptsAndRedeliversOnceTheHookIsBack() {
    receiver.respondWith(request -> Answer.status(500, "database down"));
    bot.updateHookUrl(receiver.url());
    long thread = TestOrganization.customerSays(
        server.server(), org.channelKeyA(), "hooked", "Hello?");

    WebhookDelivery failed = await().atMost(Duration.ofSeconds(20)).until(
        () -> bot.webhookDeliveries(DeliveryQuery.all()
            .status(WebhookDeliveryStatus.FAILED).threadId(thread)).items(),
        items -> !items.isEmpty()).get(0);
    WebhookState state = bot.webhook();
    assertThat(state.url()).isEqualTo(receiver.url());
    assertThat(state.failedDeliveries()).isEqualTo(1);
    assertThat(state.lastError()).contains("500");

    WebhookDelivery detailed = bot.webhookDelivery(failed.id());
    assertThat(detailed.attempts()).hasSize(detailed.attemptCount()).allSatisfy(attempt -> {
      assertThat(attempt.responseStatus()).isEqualTo(500);
      assertThat(attempt.responseBody()).isEqualTo("database down");
    });

    receiver.respondWith(request -> Answer.ok());
    bot.redeliver(failed.id());
    await().atMost(Duration.ofSeconds(20)).until(
        () -> bot.webhookDelivery(failed.id()).status() == WebhookDeliveryStatus.DELIVERED);
    assertThat(receiver.requests().getLast().messageBody()).isEqualTo("Hello?");
  }

  @Test
  void rotatedSecretSignsAlongsideThePreviousOne() throws Exception {
    receiver.respondWith(request -> Answer.ok());
    bot.updateHookUrl(receiver.url());
    String before = bot.webhook().secret();

    WebhookState rotated = bot.rotateWebhookSecret();
    assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(before);
    assertThat(rotated.previousSecretExpiresAt()).isNotNull();

    TestOrganization.customerSays(server.server(), org.channelKeyA(), "rotation", "Hi");
    RecordingReceiver.Request delivery = receiver.awaitRequests(1).get(0);
    assertThat(delivery.header("webhook-signature").split(" ")).hasSize(2);
    for (String secret : List.of(before, rotated.secret())) {
      assertThat(new WebhookVerifier(secret).verify(delivery.body(), delivery::header)
          .messageBody()).isEqualTo("Hi");
    }
  }
}
