package dev.threadhook.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated runs summed up: each number's median and range, matched by name across the runs. */
class RepeatSummaryTest {
  @TempDir Path results;

  @Test
  void theMedianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheTwoMiddleOnes() {
    assertThat(Spread.of(List.of(5.0, 1.0, 3.0))).isEqualTo(new Spread(3.0, 1.0, 5.0, 3));
    assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(new Spread(3.5, 1.0, 10.0, 4));
    assertThat(Spread.of(List.of(7.0))).isEqualTo(new Spread(7.0, 7.0, 7.0, 1));
    assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachPhaseAndFigureIsSummedUpOverTheRunsThatHaveIt() {
    RunReport slow = run(1_800L, 3_000, 12.0, 2.0, 0.9, "fresh", true);
    RunReport fast = run(1_500L, 5_000, 8.0, 0.5, 1.5, "fresh", true);
    RunReport middle = run(1_600L, 4_000, 10.0, 1.0, null, "other", false);

    RepeatSummary summary = RepeatSummary.of(List.of(slow, fast, middle),
        List.of("drain-1.json", "drain-2.json", "drain-3.json"));

    assertThat(summary.runs()).isEqualTo(3);
    assertThat(summary.runsPassed()).isEqualTo(2);
    assertThat(summary.passed()).isFalse();
    assertThat(summary.runFiles()).containsExactly("drain-1.json", "drain-2.json", "drain-3.json");
    assertThat(summary.readyMillis()).isEqualTo(new Spread(1_600, 1_500, 1_800, 3));
    assertThat(summary.maxRssMegabytes()).isEqualTo(new Spread(250, 250, 250, 3));
    assertThat(summary.phases()).extracting(RepeatSummary.PhaseSpread::name)
        .containsExactly("database ceiling", "drain writes");
    RepeatSummary.PhaseSpread writes = summary.phases().get(1);
    assertThat(writes.throughput()).isEqualTo(new Spread(4_000, 3_000, 5_000, 3));
    assertThat(writes.p50Millis()).isEqualTo(new Spread(1.0, 0.5, 2.0, 3));
    assertThat(writes.p99Millis()).isEqualTo(new Spread(10.0, 8.0, 12.0, 3));
    // The third run had no database ceiling, so no ratio to it.
    assertThat(writes.toDatabaseCeiling()).isEqualTo(new Spread(1.2, 0.9, 1.5, 2));
    assertThat(summary.phases().get(0).toDatabaseCeiling()).isNull();
    assertThat(summary.figures()).extracting(RepeatSummary.FigureSpread::name)
        .containsExactly("deliveries a second from the come-back", "fresh", "other");
    assertThat(summary.figures().get(0).unit()).isEqualTo("/s");
    assertThat(summary.figures().get(0).value()).isEqualTo(new Spread(4_000, 3_000, 5_000, 3));
    assertThat(summary.figures().get(1).value().runs()).isEqualTo(2);
  }

  @Test
  void theSummaryPrintsMediansWithTheirRangeAndIsWrittenBesideTheRuns() throws Exception {
    RepeatSummary summary = RepeatSummary.of(List.of(
        run(1_800L, 3_000, 12.0, 2.0, null, "fresh", true),
        run(1_500L, 5_000, 8.0, 0.5, null, "fresh", true)), List.of("a.json", "b.json"));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new SummaryTable().print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String table = bytes.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("drain over 2 runs: median (lowest–highest)")
        .containsPattern("ready +1,650 ms \\(1,500–1,800\\)")
        .containsPattern("drain writes: p99 +10.00 ms \\(8.00–12.00\\)")
        .containsPattern("drain writes: per s +4,000/s \\(3,000–5,000\\)")
        .containsPattern("deliveries a second from the come-back +4,000/s \\(3,000–5,000\\)")
        .contains("2 of 2 runs passed every check");

    ReportWriter writer = new ReportWriter();
    Path file = writer.write(summary, results);
    assertThat(file.getFileName().toString()).matches("drain-\\d{8}-\\d{6}-summary\\.json");
    assertThat(writer.readSummary(file)).isEqualTo(summary);
    assertThat(writer.write(summary, results).getFileName().toString())
        .matches("drain-\\d{8}-\\d{6}-2-summary\\.json");
  }

  private static RunReport run(Long readyMillis, double perSecond, double p99, double p50,
      Double toDatabase, String extraFigure, boolean passed) {
    Latency latency = new Latency(1_000, p50, p50 * 2, p99, p99 * 2, p99 * 3, p50);
    PhaseResult writes = new PhaseResult("drain writes", "closed", 64, null, 5.0, 1_000, 1_000,
        Map.of(), 0, perSecond, latency, null, 250L * 1024 * 1024, null,
        new Ratios(null, toDatabase, null, null));
    List<PhaseResult> ceilings = toDatabase == null ? List.of() : List.of(new PhaseResult(
        "database ceiling", "closed", 64, null, 5.0, 1_000, 1_000, Map.of(), 0, 3_000, latency,
        null, null, null, null));
    return new RunReport("threadhook-bench", "test", "drain", "2026-12-05T20:00:00Z",
        new Machine(2, 1L << 34, "cpu", "jdk", "os"),
        new TargetInfo("started", "http://127.0.0.1:1", "h2", List.of(), List.of(),
            "AOT cache read", readyMillis, 100L * 1024 * 1024, 250L * 1024 * 1024),
        new Settings("raw", 64, 1_000, 0, 40, List.of(), Map.of("messages", "20000")),
        ceilings, List.of(writes),
        List.of(new Figure("deliveries a second from the come-back", perSecond, "/s"),
            new Figure(extraFigure, 1, "")),
        List.of(new Check("every message was delivered", passed, Map.of(), null)));
  }
}
