package dev.threadhook.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.server.webhooks.RetrySchedule;
import dev.threadhook.server.webhooks.WebhookConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What webhook tests share: a quick config, calls that make messages, and a receiver's checks. */
public final class WebhookFixtures {
  private WebhookFixtures() {}

  /**
   * Webhook settings for tests: waits of tens of milliseconds instead of seconds and hours, no
   * jitter, and a circuit breaker that only trips when a test means it to.
   */
  public static WebhookConfig.Builder fast() {
    return WebhookConfig.defaults().toBuilder()
        .connectTimeout(Duration.ofSeconds(1))
        .requestTimeout(Duration.ofSeconds(1))
        .lease(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .retrySchedule(new RetrySchedule(Collections.nCopies(8, Duration.ofMillis(50)), 0))
        .circuitBreaker(1000, Duration.ofMillis(100), Duration.ofMillis(200));
  }

  /** A server on {@code kind} with private webhooks allowed (receivers are on 127.0.0.1). */
  public static TestServer server(DatabaseKind kind, WebhookConfig config) {
    return TestServer.start(kind, c -> c.withAllowPrivateWebhooks(true).withWebhooks(config));
  }

  public static void setHookUrl(TestServer server, String token, String url) {
    server.http().post("/api/update-hook-url").token(token)
        .json(url == null ? "{\"url\":null}" : "{\"url\":\"" + url + "\"}")
        .send().assertCode(200);
  }

  /** A customer's message through a store's channel, over HTTP; returns the message's id. */
  public static long customerSays(
      TestServer server, String channelKey, String customerExternalId, String text) {
    return customerMessage(server, channelKey, customerExternalId, text).path("messageId").asLong();
  }

  /** A customer's message through a store's channel; the channel's answer (thread and message ids). */
  public static JsonNode customerMessage(
      TestServer server, String channelKey, String customerExternalId, String text) {
    return server.http().post("/api/channel/messages").token(channelKey)
        .json("{\"customer\":{\"externalId\":\"" + customerExternalId + "\"},\"text\":\"" + text
            + "\"}")
        .send().assertCode(200).json();
  }

  /** A bot's or employee's message through the Bot API; returns the message's id. */
  public static long botSays(
      TestServer server, String token, long threadId, String text, boolean internal) {
    return server.http().post("/api/send-message-to-customer-thread").token(token)
        .json("{\"text\":\"" + text + "\",\"customerThreadId\":" + threadId + ",\"internal\":"
            + internal + "}")
        .send().assertCode(200).json().path("id").asLong();
  }

  /** The delivery of a message with every attempt, as {@code GET /api/webhook-deliveries/{id}} shows it. */
  public static JsonNode deliveryOf(TestServer server, String token, long messageId) {
    String cursor = null;
    do {
      JsonNode page = server.http().get("/api/webhook-deliveries?limit=200"
              + (cursor == null ? "" : "&cursor=" + cursor))
          .token(token).send().assertCode(200).json();
      for (JsonNode item : page.path("items")) {
        if (item.path("messageId").asLong() == messageId) {
          return server.http().get("/api/webhook-deliveries/" + item.path("id").asLong())
              .token(token).send().assertCode(200).json();
        }
      }
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
    } while (cursor != null);
    throw new AssertionError("no webhook delivery of message " + messageId);
  }

  /** Waits (10 s at most) until the message's delivery has this {@code state}; returns it. */
  public static JsonNode awaitDeliveryState(
      TestServer server, String token, long messageId, String state) {
    JsonNode[] last = new JsonNode[1];
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> {
          last[0] = deliveryOf(server, token, messageId);
          assertThat(last[0].path("state").asText()).as("state of %s", last[0]).isEqualTo(state);
        });
    return last[0];
  }

  /** The organization's current signing secret, as its bot reads it. */
  public static String secret(TestServer server, String token) {
    return server.http().get("/api/webhook").token(token).send().assertCode(200).json()
        .path("secret").asText();
  }

  /**
   * Checks a request's Standard Webhooks signature as a receiver does: HMAC-SHA256 with the
   * secret's key over {@code webhook-id.webhook-timestamp.raw body}, compared in constant time
   * with each {@code v1,} signature, and a timestamp within five minutes.
   */
  public static boolean signedWith(RecordingReceiver.Request request, String secret) {
    String id = request.header("webhook-id");
    String timestamp = request.header("webhook-timestamp");
    String signatures = request.header("webhook-signature");
    if (id == null || timestamp == null || signatures == null) return false;
    long seconds = Long.parseLong(timestamp);
    if (Math.abs(System.currentTimeMillis() / 1000 - seconds) > 300) return false;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(
          Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(request.body());
      boolean matched = false;
      for (String signature : signatures.split(" ")) {
        if (!signature.startsWith("v1,")) continue;
        matched |= MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)));
      }
      return matched;
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts every field name and JSON type of a webhook body: exactly the reference's 15. */
  public static void assertExactlyTheFifteenFields(JsonNode body) {
    List<String> names = new java.util.ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("customerId", "customerThreadId", "messageTimestamp",
        "employeeUserId", "messageId", "messageBody", "businessId", "messageAttachmentName",
        "messageAttachmentContentType", "messageAttachmentUUID", "messageAttachmentContentLength",
        "fromCustomer", "messageExternalId", "invisible", "customerType");
  }
}
