package dev.threadhook.bench;

import static dev.threadhook.bench.BenchRuns.check;
import static dev.threadhook.bench.BenchRuns.run;
import static dev.threadhook.bench.BenchRuns.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.bench.report.Figure;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.report.RepeatSummary;
import dev.threadhook.bench.report.ReportWriter;
import dev.threadhook.bench.report.RunReport;
import dev.threadhook.bench.report.Spread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short runs of {@code drain}: every message written while the receiver was down arrives once
 * it is back, once and in its thread's order, and the server was started with the scenario's
 * webhook flags. Nothing here looks at how fast anything was.
 */
class DrainCommandTest {
  private static final int MESSAGES = 200;

  @TempDir Path results;

  @Test
  void drainOnAStartedH2ServerDeliversTheWholeBacklog() throws IOException {
    assertDrained(run(tiny(started("drain", "h2")), results), "h2");
  }

  @Test
  void drainOnAStartedPostgresServerDeliversTheWholeBacklog() throws IOException {
    assertDrained(run(tiny(started("drain", "postgres")), results), "postgresql");
  }

  @Test
  void repeatedDrainsRunEachOnAFreshServerThenSumThemUp() throws IOException {
    List<String> args = new ArrayList<>(tiny(started("drain", "h2")));
    args.addAll(List.of("--repeat", "2", "--progress", "none",
        "--results-dir", results.toString()));

    int exit = BenchCommand.commandLine().execute(args.toArray(String[]::new));

    assertThat(exit).isZero();
    List<String> files;
    try (Stream<Path> list = Files.list(results)) {
      files = list.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(files).hasSize(3);
    String summaryFile = files.stream().filter(f -> f.endsWith("-summary.json")).findFirst()
        .orElseThrow(() -> new AssertionError("no summary among " + files));
    RepeatSummary summary = new ReportWriter().readSummary(results.resolve(summaryFile));
    assertThat(summary.runs()).isEqualTo(2);
    assertThat(summary.passed()).isTrue();
    assertThat(summary.runFiles()).containsExactlyInAnyOrderElementsOf(
        files.stream().filter(f -> !f.equals(summaryFile)).toList());
    for (String run : summary.runFiles()) {
      assertDrained(new ReportWriter().read(results.resolve(run)), "h2");
    }
    assertThat(summary.readyMillis().runs()).as("each run started a server of its own")
        .isEqualTo(2);
    assertThat(summary.figures()).filteredOn(f -> f.name().equals("delivered after it came back"))
        .singleElement().extracting(RepeatSummary.FigureSpread::value)
        .isEqualTo(new Spread(MESSAGES, MESSAGES, MESSAGES, 2));
  }

  @Test
  void aRepeatBelowOneIsRefusedBeforeAnythingRuns() throws IOException {
    int exit = BenchCommand.commandLine().execute("drain", "--repeat", "0", "--progress", "none",
        "--results-dir", results.toString());

    assertThat(exit).isEqualTo(2);
    try (Stream<Path> list = Files.list(results)) {
      assertThat(list).isEmpty();
    }
  }

  /** {@value MESSAGES} messages over 10 threads, after a short warm-up. */
  private static List<String> tiny(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--messages", Integer.toString(MESSAGES), "--warmup", "200ms",
        "--threads", "10", "--connections", "4", "--drain-timeout", "30s"));
    return all;
  }

  private static void assertDrained(RunReport report, String database) {
    assertThat(report.passed()).as("checks %s", report.checks()).isTrue();
    assertThat(report.target().database()).isEqualTo(database);
    assertThat(report.target().serveArguments())
        .containsSequence("--webhook-breaker-open", "100ms")
        .contains("--webhook-retry-schedule", "--webhook-breaker-max-open");
    assertThat(report.settings().scenario()).containsEntry("messages", "200");

    assertThat(report.phases()).extracting(PhaseResult::name).containsExactly("drain writes");
    PhaseResult writes = report.phases().get(0);
    assertThat(writes.sent()).isEqualTo(MESSAGES);
    assertThat(writes.acknowledged()).isEqualTo(MESSAGES);
    assertThat(figure(report, "messages written while the receiver was down"))
        .isEqualTo(MESSAGES);
    assertThat(figure(report, "delivered after it came back")).isEqualTo(MESSAGES);
    assertThat(report.figures()).extracting(Figure::name).contains("come-back → first delivery",
        "come-back → last delivery", "deliveries a second from the come-back",
        "first → last delivery", "deliveries a second from the first delivery");
    // Clock ticks are 10 ms: a drain this small may cost the server none it can see.
    assertThat(figure(report, "server CPU per delivery")).isNotNegative();
    if (database.equals("postgresql")) {
      assertThat(figure(report, "server and PostgreSQL CPU per delivery"))
          .isGreaterThanOrEqualTo(figure(report, "server CPU per delivery"));
    } else {
      assertThat(report.figures()).extracting(Figure::name)
          .doesNotContain("server and PostgreSQL CPU per delivery");
    }

    long sent = check(report, "every request was acknowledged").counts().get("sent");
    // The warm-up drain writes a quarter of --messages; a warm-up load of 200 ms may send
    // nothing at all on a machine busy enough.
    assertThat(sent).as("the writes, the warm-up drain's and the warm-up's")
        .isGreaterThanOrEqualTo(MESSAGES + MESSAGES / 4);
    assertThat(check(report, "every acknowledged message was delivered").counts())
        .containsEntry("acknowledged", sent).containsEntry("delivered", sent);
    assertThat(check(report, "each thread's messages came in the order they were acknowledged")
        .counts()).containsEntry("threads", 10L).containsEntry("outOfOrder", 0L);
  }

  private static double figure(RunReport report, String name) {
    return report.figures().stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no figure '" + name + "' in " + report.figures()))
        .value();
  }
}
