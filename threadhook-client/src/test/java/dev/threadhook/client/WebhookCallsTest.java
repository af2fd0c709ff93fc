package dev.threadhook.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.api.Page;
import dev.threadhook.api.WebhookDelivery;
import dev.threadhook.api.WebhookDeliveryStatus;
import dev.threadhook.api.WebhookState;
import dev.threadhook.testing.RecordingServer;
import dev.threadhook.testing.RecordingServer.RecordedRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The webhook management calls. The server's delivery engine is not on this branch yet, so a
 * scripted peer plays it, answering in the shape of {@link WebhookState} and {@link
 * WebhookDelivery}.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WebhookCallsTest {
  private static final String DELIVERY = "{\"id\":31,\"webhookId\":\"msg_812\","
      + "\"customerThreadId\":42,\"messageId\":812,\"sequence\":5,\"status\":\"failed\","
      + "\"attemptCount\":2,\"nextAttemptAt\":null,\"createdAt\":1700000000000,"
      + "\"deliveredAt\":null,\"attempts\":[{\"attempt\":1,\"startedAt\":1700000000100,"
      + "\"durationMillis\":12,\"responseStatus\":500,\"responseBody\":\"boom\",\"error\":null},"
      + "{\"attempt\":2,\"startedAt\":1700000060100,\"durationMillis\":10000,"
      + "\"responseStatus\":null,\"responseBody\":null,\"error\":\"timeout\"}]}";

  private RecordingServer threadhook;
  private ThreadhookClient client;

  @BeforeEach
  void start() {
    threadhook = new RecordingServer();
    client = ThreadhookClient.create(threadhook.baseUrl(), "thk_admin");
  }

  @AfterEach
  void stop() {
    client.close();
    threadhook.close();
  }

  @Test
  void webhookReadsTheHookAndItsSecret() {
    threadhook.enqueueJson(200, "{\"businessId\":7,\"url\":\"https://bot.example.com/hook\","
        + "\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\",\"previousSecretExpiresAt\":null,"
        + "\"pendingDeliveries\":3,\"failedDeliveries\":1,\"somethingNew\":true}");

    WebhookState state = client.webhook();

    assertThat(state).isEqualTo(new WebhookState(7, "https://bot.example.com/hook",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", null, false, null, null, 3, 1, null, null,
        null, null, null));
    RecordedRequest request = threadhook.takeRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/api/webhook");
    assertThat(request.header("token")).isEqualTo("thk_admin");
  }

  @Test
  void rotateWebhookSecretPostsAndReturnsTheNewState() {
    threadhook.enqueueJson(200, "{\"businessId\":7,\"url\":null,\"secret\":\"whsec_bmV3\","
        + "\"previousSecretExpiresAt\":1700086400000,\"pendingDeliveries\":0,"
        + "\"failedDeliveries\":0}");

    WebhookState state = client.rotateWebhookSecret();

    assertThat(state.secret()).isEqualTo("whsec_bmV3");
    assertThat(state.previousSecretExpiresAt()).isEqualTo(1700086400000L);
    RecordedRequest request = threadhook.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/webhook/rotate-secret");
  }

  @Test
  void pauseAndResumeWebhookPostAndReturnTheState() {
    threadhook.enqueueJson(200, "{\"businessId\":7,\"url\":\"https://bot.example.com/hook\","
        + "\"active\":false,\"disabledReason\":\"paused through the API\","
        + "\"disabledAt\":1700000000000,\"pendingDeliveries\":0,\"failedDeliveries\":0}");
    threadhook.enqueueJson(200, "{\"businessId\":7,\"url\":\"https://bot.example.com/hook\","
        + "\"active\":true,\"pendingDeliveries\":0,\"failedDeliveries\":0}");

    WebhookState paused = client.pauseWebhook();
    WebhookState resumed = client.resumeWebhook();

    assertThat(paused.active()).isFalse();
    assertThat(paused.disabledReason()).isEqualTo("paused through the API");
    assertThat(resumed.active()).isTrue();
    assertThat(threadhook.takeRequest().path()).isEqualTo("/api/webhook/pause");
    RecordedRequest resume = threadhook.takeRequest();
    assertThat(resume.method()).isEqualTo("POST");
    assertThat(resume.path()).isEqualTo("/api/webhook/resume");
  }

  @Test
  void webhookDeliveriesAreListedWithTheirFilters() {
    threadhook.enqueueJson(200, "{\"items\":[" + DELIVERY + "],\"nextCursor\":\"31\"}");

    Page<WebhookDelivery> page = client.webhookDeliveries(
        DeliveryQuery.all().status(WebhookDeliveryStatus.FAILED).threadId(42).cursor("40"));

    assertThat(page.items()).singleElement().satisfies(d -> {
      assertThat(d.webhookId()).isEqualTo("msg_812");
      assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.FAILED);
    });
    assertThat(page.nextCursor()).isEqualTo("31");
    assertThat(threadhook.takeRequest().path())
        .isEqualTo("/api/webhook-deliveries?status=failed&threadId=42&cursor=40");
  }

  @Test
  void webhookDeliveryReadsOneWithEveryAttempt() {
    threadhook.enqueueJson(200, DELIVERY);

    WebhookDelivery delivery = client.webhookDelivery(31);

    assertThat(delivery.attempts()).hasSize(2);
    assertThat(delivery.attempts().get(0).responseStatus()).isEqualTo(500);
    assertThat(delivery.attempts().get(1).responseStatus()).isNull();
    assertThat(delivery.attempts().get(1).error()).isEqualTo("timeout");
    assertThat(threadhook.takeRequest().path()).isEqualTo("/api/webhook-deliveries/31");
  }

  @Test
  void redeliverPostsToTheDeliveryAndReturnsItPendingAgain() {
    threadhook.enqueueJson(202, DELIVERY.replace("\"failed\"", "\"pending\""));

    WebhookDelivery delivery = client.redeliver(31);

    assertThat(delivery.status()).isEqualTo(WebhookDeliveryStatus.PENDING);
    RecordedRequest request = threadhook.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/webhook-deliveries/31/redeliver");
  }
}
