package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.server.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    WebhookConfig config = WebhookConfig.defaults();

    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.secretOverlap()).isEqualTo(Duration.ofHours(24));
    assertThat(config.retrySchedule()).isEqualTo(RetrySchedule.DEFAULT);
  }

  @Test
  void aLeaseShorterThanAnAttemptIsRefused() {
    assertThatThrownBy(() -> WebhookConfig.defaults().toBuilder()
        .lease(Duration.ofSeconds(20)).build())
        .hasMessageStartingWith("lease must be longer than connectTimeout + requestTimeout");
  }

  @Test
  void retryAfterDelaysARetryButOnlyUpToItsBound() {
    WebhookConfig config = WebhookConfig.defaults().toBuilder()
        .retrySchedule(RetrySchedule.parse("1s,1s").withJitter(0))
        .maxRetryAfter(Duration.ofMinutes(1))
        .build();
    Dispatcher dispatcher =
        new Dispatcher(null, null, null, config, Clock.SYSTEM, "node", null, rows -> { });
    ClaimedDelivery delivery =
        new ClaimedDelivery(1, 1, 1, 1, 1, 0, 0, "https://bot.example", List.of(), null);

    assertThat(retryAt(dispatcher, delivery, Duration.ofSeconds(30))).isEqualTo(30_000);
    assertThat(retryAt(dispatcher, delivery, Duration.ofHours(3))).isEqualTo(60_000);
    assertThat(retryAt(dispatcher, delivery, Duration.ZERO)).as("never sooner than the schedule")
        .isEqualTo(1_000);
  }

  private static long retryAt(Dispatcher dispatcher, ClaimedDelivery delivery, Duration asked) {
    AttemptResult rateLimited = new AttemptResult(0, 5, 429, null, null, asked);
    return ((DeliveryStore.Outcome.RetryAt) dispatcher.decide(delivery, rateLimited, 0)).at();
  }
}
