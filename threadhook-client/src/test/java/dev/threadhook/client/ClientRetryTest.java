package dev.threadhook.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.testing.DroppingProxy;
import dev.threadhook.testing.RecordingServer;
import dev.threadhook.testing.RecordingServer.Answer;
import dev.threadhook.testing.RecordingServer.RecordedRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which answers the client retries, how long it waits, and what it throws in the end. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClientRetryTest {
  private static final String MESSAGE = "{\"id\":7,\"customerThreadId\":42,\"sequence\":2,"
      + "\"timestamp\":1,\"body\":\"hi\",\"invisible\":false,\"fromCustomer\":false}";
  private static final String RATE_LIMITED =
      "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}";

  private RecordingServer peer;
  private ThreadhookClient client;

  @BeforeEach
  void start() {
    peer = new RecordingServer();
    client = ThreadhookClient.builder().baseUrl(peer.baseUrl()).token("thk_test")
        .maxRetries(2).backoff(Duration.ofMillis(5), Duration.ofMillis(20)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    peer.close();
  }

  @Test
  void a429IsRetriedAfterItsRetryAfterWithTheSameIdempotencyKey() {
    peer.enqueue(Answer.json(429, RATE_LIMITED).withHeader("Retry-After", "1"))
        .enqueueJson(200, MESSAGE);

    long started = System.nanoTime();
    assertThat(client.sendMessage(42, "hi").id()).isEqualTo(7);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(
        Duration.ofMillis(950));
    RecordedRequest first = peer.takeRequest();
    RecordedRequest retry = peer.takeRequest();
    assertThat(first.header("Idempotency-Key")).isNotBlank()
        .isEqualTo(retry.header("Idempotency-Key"));
    assertThat(retry.body()).isEqualTo(first.body());
  }

  @Test
  void twoSendsOfTheSameTextGetDifferentIdempotencyKeys() {
    peer.enqueueJson(200, MESSAGE).enqueueJson(200, MESSAGE);

    client.sendMessage(42, "hi");
    client.sendMessage(42, "hi");

    assertThat(peer.takeRequest().header("Idempotency-Key"))
        .isNotEqualTo(peer.takeRequest().header("Idempotency-Key"));
  }

  @Test
  void a503IsRetriedEvenForACallThatIsNotSafeToRepeat() {
    peer.enqueueJson(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"starting\"}}")
        .enqueueJson(200, "{\"businessId\":1,\"url\":null,\"secret\":\"whsec_AAAA\","
            + "\"pendingDeliveries\":0,\"failedDeliveries\":0}");

    assertThat(client.rotateWebhookSecret().secret()).isEqualTo("whsec_AAAA");
    assertThat(peer.takeRequest().path()).isEqualTo("/api/webhook/rotate-secret");
    assertThat(peer.takeRequest().path()).isEqualTo("/api/webhook/rotate-secret");
  }

  @Test
  void rateLimitingThatOutlastsTheRetriesIsThrownWithItsRetryAfter() {
    for (int i = 0; i < 3; i++) {
      peer.enqueue(Answer.json(429, RATE_LIMITED).withHeader("Retry-After", "0"));
    }

    assertThatThrownBy(() -> client.me())
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(429);
          assertThat(e.errorCode()).isEqualTo("rate_limited");
          assertThat(e.retryAfter()).contains(Duration.ZERO);
        });
    assertThat(peer.takeRequest().path()).isEqualTo("/api/me");
    assertThat(peer.takeRequest().path()).isEqualTo("/api/me");
    assertThat(peer.takeRequest().path()).isEqualTo("/api/me");
  }

  @Test
  void aRetryAfterLongerThanTheClientWaitsIsThrownAtOnce() throws Exception {
    peer.enqueue(Answer.json(429, RATE_LIMITED).withHeader("Retry-After", "3600"));

    assertThatThrownBy(() -> client.me())
        .isInstanceOfSatisfying(RateLimitedException.class, e ->
            assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
    peer.takeRequest();
    assertThat(peer.pendingRequests(Duration.ofMillis(100))).isZero();
  }

  @Test
  void a500IsNotRetriedAndIsAServerError() throws Exception {
    peer.enqueueJson(500,
        "{\"error\":{\"code\":\"internal_error\",\"message\":\"the server failed\"}}");

    assertThatThrownBy(() -> client.thread(5))
        .isInstanceOfSatisfying(ServerErrorException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(500);
          assertThat(e.errorCode()).isEqualTo("internal_error");
        });
    peer.takeRequest();
    assertThat(peer.pendingRequests(Duration.ofMillis(100))).isZero();
  }

  @Test
  void anErrorThatIsNotThreadhooksJsonKeepsTheStartOfItsBody() {
    peer.enqueue(new Answer(502, java.util.Map.of("Content-Type", "text/html"),
        "<html><body>Bad Gateway</body></html>"));

    assertThatThrownBy(() -> client.thread(5))
        .isInstanceOfSatisfying(ServerErrorException.class, e -> {
          assertThat(e.errorCode()).isNull();
          assertThat(e.getMessage()).isEqualTo(
              "GET /api/customer-threads/5 answered 502: <html><body>Bad Gateway</body></html>");
        });
  }

  @Test
  void anAnswerThatIsNotTheExpectedJsonSaysWhatWasExpected() {
    peer.enqueue(new Answer(200, java.util.Map.of("Content-Type", "text/html"), "<html>"));

    assertThatThrownBy(() -> client.me())
        .isExactlyInstanceOf(ThreadhookException.class)
        .hasMessageStartingWith("GET /api/me answered 200 with a body that is not a "
            + "dev.threadhook.api.Me: ");
  }

  @Test
  void aStatusTheSdkHasNoClassForIsAPlainApiException() {
    peer.enqueueJson(405,
        "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"use POST\"}}");

    assertThatThrownBy(() -> client.me())
        .isExactlyInstanceOf(ThreadhookApiException.class)
        .hasMessage("GET /api/me answered 405 method_not_allowed: use POST");
  }

  @Test
  void aSecretRotationWhoseAnswerIsLostIsNotRepeated() throws Exception {
    peer.enqueueJson(200, "{\"businessId\":1,\"secret\":\"whsec_AAAA\"}");
    try (DroppingProxy proxy = new DroppingProxy(peer.port(), 1);
        ThreadhookClient viaProxy = ThreadhookClient.builder()
            .baseUrl(proxy.baseUrl()).token("thk_test")
            .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).build()) {

      assertThatThrownBy(viaProxy::rotateWebhookSecret)
          .isInstanceOf(ThreadhookNetworkException.class)
          .hasMessageContaining("after 1 attempt");
    }
    peer.takeRequest();
    assertThat(peer.pendingRequests(Duration.ofMillis(100))).isZero();
  }

  @Test
  void aStatusUpdateWhoseAnswerIsLostIsRepeated() {
    peer.enqueueJson(200, "{}").enqueueJson(200, "{}");
    try (DroppingProxy proxy = new DroppingProxy(peer.port(), 1);
        ThreadhookClient viaProxy = ThreadhookClient.builder()
            .baseUrl(proxy.baseUrl()).token("thk_test")
            .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).build()) {

      viaProxy.updateThreadStatus(42, dev.threadhook.api.ThreadStatus.RESOLVED);

      assertThat(proxy.connections()).isEqualTo(2);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
