package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private final RandomGenerator random = new SplittableRandom(1);

  @Test
  void defaultScheduleRetriesWithinSecondsThenSpreadsOverTwoDays() {
    RetrySchedule schedule = RetrySchedule.DEFAULT;

    assertThat(schedule.delays().subList(0, 3))
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
    assertThat(schedule.maxAttempts()).isEqualTo(14);
    assertThat(schedule.span()).isBetween(Duration.ofHours(47), Duration.ofHours(48));
    assertThat(schedule.jitter()).isEqualTo(0.2);
  }

  @Test
  void jitterKeepsEachDelayWithinTwentyPercent() {
    for (int i = 0; i < 1000; i++) {
      long millis = RetrySchedule.DEFAULT.delayAfter(3, random).orElseThrow().toMillis();
      assertThat(millis).isBetween(24_000L, 36_000L);
    }
  }

  @Test
  void withoutJitterTheDelaysAreExact() {
    RetrySchedule schedule = RetrySchedule.parse("50ms,2s").withJitter(0);

    assertThat(schedule.delayAfter(1, random)).contains(Duration.ofMillis(50));
    assertThat(schedule.delayAfter(2, random)).contains(Duration.ofSeconds(2));
  }

  @Test
  void thereIsNoDelayAfterTheLastAttempt() {
    RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(1)), 0);

    assertThat(schedule.maxAttempts()).isEqualTo(2);
    assertThat(schedule.delayAfter(2, random)).isEmpty();
    assertThat(RetrySchedule.parse("").maxAttempts()).isEqualTo(1);
  }

  @Test
  void badSchedulesSayWhatWasExpected() {
    assertThatThrownBy(() -> RetrySchedule.parse("1s,soon"))
        .hasMessage("a duration must be a number and a unit (ms, s, m, h, d) like 500ms or 30s"
            + " but was 'soon'");
    assertThatThrownBy(() -> RetrySchedule.DEFAULT.withJitter(1.5))
        .hasMessage("jitter must be at least 0 and below 1 but was 1.5");
  }
}
