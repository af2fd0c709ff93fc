package dev.threadhook.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {
  private final LoadRunner runner = new LoadRunner(Progress.NONE);

  @Test
  void closedModelGivesEveryUnitItsOwnIndexAndCountsEachOnce() throws Exception {
    Set<Long> performed = ConcurrentHashMap.newKeySet();
    LoadOutcome outcome = runner.run(LoadPlan.closed("closed", 4, Duration.ofMillis(300)),
        () -> channel(index -> performed.add(index)));

    assertThat(outcome.sent()).isPositive().isEqualTo(performed.size());
    assertThat(outcome.acknowledged()).isEqualTo(outcome.sent());
    assertThat(performed).allMatch(index -> index >= 0 && index < outcome.sent());
    assertThat(outcome.latencyMicros().getTotalCount()).isEqualTo(outcome.acknowledged());
  }

  @Test
  void openModelSendsExactlyWhatIsDueInThePhase() throws Exception {
    LoadOutcome outcome = runner.run(LoadPlan.open("open", 4, 200, Duration.ofMillis(500)),
        () -> channel(index -> { }));

    assertThat(outcome.sent() + outcome.unsent()).isEqualTo(100);
    assertThat(outcome.acknowledged()).isEqualTo(outcome.sent());
  }

  /**
   * One connection, answers taking 20 ms, 100 requests due a second: a queue builds, and the
   * open model charges it to every request it delayed (latency from the due time) while the
   * service time stays that of one answer. This is what keeps coordinated omission out.
   */
  @Test
  void openModelCountsQueueingBehindASlowAnswerAsLatency() throws Exception {
    LoadOutcome outcome = runner.run(LoadPlan.open("slow", 1, 100, Duration.ofMillis(500)),
        () -> channel(index -> Thread.sleep(15)));

    assertThat(outcome.acknowledged()).isEqualTo(50);
    // 50 answers of 15 ms take 750 ms, for requests due over half a second: the last waited
    // about a quarter of a second; a service time never includes the wait. (The runner gives
    // up at twice the duration, one second, well after the last answer even on a busy machine.)
    assertThat(outcome.latencyMicros().getMaxValue()).isGreaterThan(200_000);
    assertThat(outcome.serviceMicros().getValueAtPercentile(50)).isLessThan(100_000);
  }

  @Test
  void failuresAreCountedByKindAndTheRestGoesOn() throws Exception {
    LoadOutcome outcome = runner.run(LoadPlan.open("failing", 2, 100, Duration.ofMillis(300)),
        () -> channel(index -> {
          if (index % 3 == 0) throw new UnexpectedStatusException(503, "busy");
        }));

    assertThat(outcome.sent()).isEqualTo(30);
    assertThat(outcome.failures()).containsEntry("HTTP 503", 10L);
    assertThat(outcome.acknowledged()).isEqualTo(20);
    assertThat(outcome.firstFailure()).contains("503").contains("busy");
  }

  interface Unit {
    void perform(long index) throws Exception;
  }

  private static LoadChannel channel(Unit unit) {
    return new LoadChannel() {
      @Override
      public void perform(long index) throws Exception {
        unit.perform(index);
      }

      @Override
      public void close() {}
    };
  }
}
