package dev.threadhook.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateTest {
  @Test
  void aNumberIsRequestsASecondAndAPercentageIsAShareOfTheMaximum() {
    assertThat(Rate.parse("5000").perSecond(12_345)).isEqualTo(5000);
    assertThat(Rate.parse("50%").perSecond(12_345)).isEqualTo(6173);
    assertThat(Rate.parse("50%")).hasToString("50%");
  }

  @Test
  void refusesWhatIsNeitherSayingWhatWasExpected() {
    assertThatThrownBy(() -> Rate.parse("fast"))
        .hasMessage("a rate must be requests a second above 0 (5000) or a percentage (50%)"
            + " but was 'fast'");
    assertThatThrownBy(() -> Rate.parse("0")).hasMessageContaining("but was '0'");
  }
}
