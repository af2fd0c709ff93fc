package dev.threadhook.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdicts of issue 5's targets from summaries of runs, at and around each bound. */
class IssueTargetsTest {
  @Test
  void h2MeetsEachTargetAtItsBoundAndMissesItJustPast() {
    List<TargetVerdict> met = IssueTargets.judge("h2", runs(10_000, 1.2, 4.99, 24.99, 5_000, 2.0,
        299.9, 1_999));
    assertThat(met).allMatch(TargetVerdict::met);
    assertThat(met.get(0).measured()).isEqualTo("10,000 msg/s");
    assertThat(met.get(1).measured()).isEqualTo("p50 4.99 ms, p99 24.99 ms");

    List<TargetVerdict> missed = IssueTargets.judge("h2", runs(9_999, 1.2, 5.0, 25.0, 4_999,
        2.01, 300, 2_000));
    assertThat(missed).noneMatch(TargetVerdict::met);
  }

  @Test
  void postgresqlSendIsJudgedAgainstItsDatabaseCeiling() {
    List<TargetVerdict> verdicts = IssueTargets.judge("postgresql",
        runs(3_000, 1.05, 1, 10, 6_000, 1, 250, 900));
    assertThat(verdicts.get(0).target()).isEqualTo("send: the writes alone ≥ the database ceiling");
    assertThat(verdicts.get(0).measured()).isEqualTo("1.05 × the ceiling");
    assertThat(verdicts.get(0).met()).isTrue();

    assertThat(IssueTargets.judge("postgresql", runs(30_000, 0.99, 1, 10, 6_000, 1, 250, 900))
        .get(0).met()).isFalse();
  }

  @Test
  void aScenarioThatDidNotRunIsNotMeasuredAndNotMet() {
    List<RepeatSummary> onlySend = runs(12_000, 1.5, 1, 10, 6_000, 1, 250, 900).subList(0, 1);

    List<TargetVerdict> verdicts = IssueTargets.judge("h2", onlySend);

    assertThat(verdicts.get(0).met()).isTrue();
    assertThat(verdicts.subList(1, 4)).allSatisfy(v -> {
      assertThat(v.measured()).isEqualTo("not measured");
      assertThat(v.met()).isFalse();
    });
  }

  @Test
  void memoryAndTheStartAreBoundsEveryRunMustKeep() {
    List<RepeatSummary> runs = runs(12_000, 1.5, 1, 10, 6_000, 1, 250, 900);
    RepeatSummary drain = runs.get(2);
    // One drain of three over 300 MB, though the median is well under it.
    RepeatSummary overOnce = new RepeatSummary(drain.tool(), drain.version(), drain.scenario(),
        drain.startedAt(), 3, List.of(), new Spread(900, 850, 950, 3),
        new Spread(250, 240, 301, 3), drain.phases(), drain.figures(), 3);

    List<TargetVerdict> verdicts =
        IssueTargets.judge("h2", List.of(runs.get(0), runs.get(1), overOnce, runs.get(3)));

    assertThat(verdicts.get(4).measured()).isEqualTo("301 MB at most");
    assertThat(verdicts.get(4).met()).isFalse();
  }

  /** One summary of each scenario, with these medians (and ranges of just them). */
  private static List<RepeatSummary> runs(double writesAlone, double toCeiling, double e2eP50,
      double e2eP99, double drained, double fanoutRatio, double rss, double ready) {
    return List.of(
        summary("send", rss, ready, List.of(new RepeatSummary.PhaseSpread("send, hook paused",
            one(writesAlone), one(4), one(14), one(toCeiling))), List.of()),
        summary("e2e", rss, ready, List.of(new RepeatSummary.PhaseSpread("e2e ack→webhook",
            one(2_000), one(e2eP50), one(e2eP99), null)), List.of()),
        summary("drain", rss, ready, List.of(), List.of(new RepeatSummary.FigureSpread(
            "deliveries a second from the come-back", "/s", one(drained)))),
        summary("fanout", rss, ready, List.of(), List.of(new RepeatSummary.FigureSpread(
            "healthy p99, hanging / baseline", "×", one(fanoutRatio)))));
  }

  private static RepeatSummary summary(String scenario, double rss, double ready,
      List<RepeatSummary.PhaseSpread> phases, List<RepeatSummary.FigureSpread> figures) {
    return new RepeatSummary("threadhook-bench", "test", scenario, "2026-12-06T00:00:00Z", 1,
        List.of(scenario + ".json"), one(ready), one(rss), phases, figures, 1);
  }

  private static Spread one(double value) {
    return new Spread(value, value, value, 1);
  }
}
