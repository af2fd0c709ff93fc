package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "5s, PT5S", "2m, PT2M", "1h, PT1H", "2d, PT48H", "90s, PT1M30S"})
  void readsTheUnitsPeopleWrite(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"PT0.05S, 50ms", "PT1S, 1s", "PT90S, 90s", "PT2M, 2m", "PT8H, 8h", "PT48H, 2d"})
  void writesWhatItReads(Duration duration, String text) {
    assertThat(Durations.format(duration)).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(duration);
  }
}
