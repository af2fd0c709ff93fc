package dev.threadhook.server.webhooks;

import static dev.threadhook.server.testing.RecordingReceiver.Answer.closeConnection;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.delayed;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.hang;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.ok;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.redirect;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.retryAfter;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.status;
import static dev.threadhook.server.testing.WebhookFixtures.awaitDeliveryState;
import static dev.threadhook.server.testing.WebhookFixtures.botSays;
import static dev.threadhook.server.testing.WebhookFixtures.secret;
import static dev.threadhook.server.testing.WebhookFixtures.setHookUrl;
import static dev.threadhook.server.testing.WebhookFixtures.signedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.server.testing.HookedOrganizationContract;
import dev.threadhook.server.testing.RecordingReceiver.Request;
import dev.threadhook.server.testing.WebhookFixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a delivery survives what a hook does wrong: errors, slowness, silence, dropped
 * connections, rate limits, 410 Gone and redirects. The server retries every 50 ms (8 times) and
 * gives an attempt 1 s.
 */
abstract class WebhookFaultsContract extends HookedOrganizationContract {
  @Test
  void retriesAfter500WithSameWebhookIdAndGrowingAttempt() {
    receiver.enqueue(status(500, "try later"), status(502));
    long id = botSays(server, org.botToken(), org.threadInA(), "hello", false);

    List<Request> requests = receiver.awaitRequests(3);

    assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly("msg_" + id);
    assertThat(requests).extracting(r -> r.header("webhook-attempt"))
        .containsExactly("1", "2", "3");
    assertThat(requests).extracting(Request::bodyText).containsOnly(requests.get(0).bodyText());
    String secret = secret(server, org.botToken());
    assertThat(requests).allMatch(r -> signedWith(r, secret));
    JsonNode delivery = awaitDeliveryState(server, org.botToken(), id, "delivered");
    assertThat(delivery.path("status").asText()).isEqualTo("delivered");
    assertThat(delivery.path("attemptCount").asInt()).isEqualTo(3);
    assertThat(delivery.path("attempts")).extracting(a -> a.path("responseStatus").asInt())
        .containsExactly(500, 502, 200);
    assertThat(delivery.path("attempts").get(0).path("responseBody").asText())
        .isEqualTo("try later");
  }

  @Test
  void retriesWhenTheAnswerComesAfterTheTimeout() {
    receiver.enqueue(delayed(Duration.ofMillis(2500), ok()));
    long id = botSays(server, org.botToken(), org.threadInA(), "slow", false);

    List<Request> requests = receiver.awaitRequests(2);

    assertThat(requests.get(1).header("webhook-id")).isEqualTo("msg_" + id);
    assertThat(requests.get(1).header("webhook-attempt")).isEqualTo("2");
    JsonNode delivery = awaitDeliveryState(server, org.botToken(), id, "delivered");
    JsonNode first = delivery.path("attempts").get(0);
    assertThat(first.path("responseStatus").isNull()).isTrue();
    assertThat(first.path("error").asText()).contains("no answer within 1 s");
    assertThat(first.path("durationMillis").asLong()).isBetween(900L, 2400L);
  }

  @Test
  void retriesWhenTheHookHangs() {
    receiver.enqueue(hang());
    long id = botSays(server, org.botToken(), org.threadInA(), "anyone there?", false);

    assertThat(receiver.awaitRequests(2).get(1).header("webhook-attempt")).isEqualTo("2");
    JsonNode delivery = awaitDeliveryState(server, org.botToken(), id, "delivered");
    assertThat(delivery.path("attempts").get(0).path("error").asText())
        .contains("no answer within");
  }

  @Test
  void retriesWhenTheConnectionIsDroppedWithoutAnAnswer() {
    receiver.enqueue(closeConnection());
    long id = botSays(server, org.botToken(), org.threadInA(), "dropped", false);

    assertThat(receiver.awaitRequests(2).get(1).header("webhook-id")).isEqualTo("msg_" + id);
    JsonNode delivery = awaitDeliveryState(server, org.botToken(), id, "delivered");
    JsonNode first = delivery.path("attempts").get(0);
    assertThat(first.path("responseStatus").isNull()).isTrue();
    assertThat(first.path("error").asText()).startsWith("the connection failed before an answer: ");
  }

  /**
   * A TCP reset, which HttpServer cannot send: a bare socket that reads the request and closes
   * with SO_LINGER 0, then lets the receiver answer the retry.
   */
  @Test
  void retriesWhenTheConnectionIsReset() throws Exception {
    try (ServerSocket resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (Socket socket = resetting.accept()) {
          socket.getInputStream().read(new byte[1024]);
          socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
          // the test fails on what the sender recorded, not here
        }
      });
      setHookUrl(server, org.botToken(), "http://127.0.0.1:" + resetting.getLocalPort() + "/hook");
      long id = botSays(server, org.botToken(), org.threadInA(), "reset", false);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
          WebhookFixtures.deliveryOf(server, org.botToken(), id).path("attempts")).isNotEmpty());
      setHookUrl(server, org.botToken(), receiver.url());

      Request retried = receiver.takeRequest();
      assertThat(retried.header("webhook-id")).isEqualTo("msg_" + id);
      JsonNode first = awaitDeliveryState(server, org.botToken(), id, "delivered")
          .path("attempts").get(0);
      assertThat(first.path("responseStatus").isNull()).isTrue();
      // The JDK client reports the reset as such, or — when the RST overtakes the request on a
      // loaded machine — as the end of the stream before any answer.
      assertThat(first.path("error").asText())
          .startsWith("the connection failed before an answer: ")
          .containsAnyOf("reset", "Reset", "EOF");
    }
  }

  @Test
  void retriesWhenNothingListens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    setHookUrl(server, org.botToken(), "http://127.0.0.1:" + closedPort + "/hook");
    long id = botSays(server, org.botToken(), org.threadInA(), "anybody?", false);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        WebhookFixtures.deliveryOf(server, org.botToken(), id).path("attempts").size())
        .isGreaterThanOrEqualTo(2));
    JsonNode first = WebhookFixtures.deliveryOf(server, org.botToken(), id).path("attempts").get(0);
    assertThat(first.path("error").asText()).startsWith("could not connect: ");
    assertThat(first.path("responseStatus").isNull()).isTrue();
  }

  @Test
  void honoursRetryAfterOn429() {
    receiver.enqueue(retryAfter(429, "2"));
    long id = botSays(server, org.botToken(), org.threadInA(), "rate limited", false);

    List<Request> requests = receiver.awaitRequests(2);

    long gapMillis = (requests.get(1).receivedAtNanos() - requests.get(0).receivedAtNanos())
        / 1_000_000;
    assertThat(gapMillis).as("the schedule says 50 ms, the hook asked for 2 s")
        .isGreaterThanOrEqualTo(1900);
    JsonNode delivery = awaitDeliveryState(server, org.botToken(), id, "delivered");
    assertThat(delivery.path("attempts").get(0).path("responseStatus").asInt()).isEqualTo(429);
  }

  @Test
  void goneDisablesTheHookUntilTheUrlIsSetAgain() {
    receiver.enqueue(status(410));
    long first = botSays(server, org.botToken(), org.threadInA(), "first", false);
    receiver.awaitRequests(1);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      JsonNode hook = server.http().get("/api/webhook").token(org.botToken()).send().json();
      assertThat(hook.path("active").asBoolean()).isFalse();
      assertThat(hook.path("disabledReason").asText()).contains("410");
    });

    long second = botSays(server, org.botToken(), org.threadInA(), "second", false);
    JsonNode hook = server.http().get("/api/webhook").token(org.botToken()).send().json();
    assertThat(hook.path("pendingDeliveries").asLong()).isEqualTo(2);
    assertThat(hook.path("lastError").asText()).contains("410");
    sleep(500);
    assertThat(receiver.requests()).hasSize(1);

    setHookUrl(server, org.botToken(), receiver.url());

    List<Request> requests = receiver.awaitRequests(3);
    assertThat(requests).extracting(Request::messageId).containsExactly(first, first, second);
    assertThat(requests.get(1).header("webhook-attempt")).isEqualTo("2");
    assertThat(server.http().get("/api/webhook").token(org.botToken()).send().json()
        .path("active").asBoolean()).isTrue();
  }

  @Test
  void redirectIsNotFollowedAndCountsAsAFailure() {
    receiver.enqueue(redirect(301, receiver.url("/elsewhere")));
    long id = botSays(server, org.botToken(), org.threadInA(), "moved?", false);

    List<Request> requests = receiver.awaitRequests(2);

    assertThat(requests).extracting(Request::path).containsExactly("/hook", "/hook");
    JsonNode delivery = awaitDeliveryState(server, org.botToken(), id, "delivered");
    assertThat(delivery.path("attempts").get(0).path("responseStatus").asInt()).isEqualTo(301);
    sleep(200);
    assertThat(receiver.requests()).noneMatch(r -> r.path().equals("/elsewhere"));
  }

  @Test
  void failsForGoodAfterTheLastScheduledAttemptAndLetsTheThreadGoOn() {
    receiver.respondWith(r -> r.messageBody().equals("doomed") ? status(500) : ok());
    long doomed = botSays(server, org.botToken(), org.threadInA(), "doomed", false);
    long next = botSays(server, org.botToken(), org.threadInA(), "next", false);

    List<Request> requests = receiver.awaitRequests(10);

    assertThat(requests.subList(0, 9)).extracting(Request::messageId).containsOnly(doomed);
    assertThat(requests.get(8).header("webhook-attempt")).isEqualTo("9");
    assertThat(requests.get(9).messageId()).isEqualTo(next);
    JsonNode failed = awaitDeliveryState(server, org.botToken(), doomed, "failed");
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("failedAt").isIntegralNumber()).isTrue();
    assertThat(failed.path("nextAttemptAt").isNull()).isTrue();
    assertThat(failed.path("attempts")).hasSize(9);
    assertThat(server.http().get("/api/webhook").token(org.botToken()).send().json()
        .path("failedDeliveries").asLong()).isEqualTo(1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
