package dev.threadhook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.bench.report.ReportWriter;
import dev.threadhook.bench.report.RepeatSummary;
import dev.threadhook.bench.report.TargetVerdict;
import dev.threadhook.bench.report.TargetsReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code targets --quick}: every scenario of the documented set runs, each on its own server,
 * and every target gets a verdict from what the runs measured. The numbers of so short a run
 * say nothing of the targets, so nothing here looks at whether they were met.
 */
class TargetsCommandTest {
  @TempDir Path results;

  @Test
  void aQuickRunOnH2RunsEveryScenarioAndJudgesEveryTarget() throws IOException {
    int exit = BenchCommand.commandLine().execute("targets", "--databases", "h2", "--quick",
        "--server-jar", BenchRuns.SERVER_JAR, "--results-dir", results.toString(),
        "--progress", "none");

    assertThat(exit).isZero();
    TargetsReport report = new ReportWriter().readTargets(only(results, "targets-"));
    assertThat(report.checksPassed()).isTrue();
    assertThat(report.quick()).isTrue();
    assertThat(report.repeat()).isEqualTo(1);
    assertThat(report.runs()).extracting(RepeatSummary::scenario)
        .containsExactly("send", "e2e", "drain", "fanout");
    assertThat(report.verdicts()).extracting(TargetVerdict::target).containsExactly(
        "send: the writes alone ≥ 10,000 msg/s",
        "e2e at 2,000/s: ack→webhook p50 < 5 ms, p99 < 25 ms",
        "drain: ≥ 5,000 deliveries/s from the come-back",
        "fanout: healthy p99 with one hook hanging ≤ 2 × without",
        "memory: server RSS under load < 300 MB",
        "start: ready < 2 s");
    assertThat(report.verdicts()).allSatisfy(v -> {
      assertThat(v.database()).isEqualTo("h2");
      assertThat(v.measured()).isNotEqualTo("not measured");
    });
    // Each run's own JSON is written beside the verdicts, as the scenario writes it.
    assertThat(files(results, "send-")).hasSize(1);
    assertThat(files(results, "fanout-")).hasSize(1);
  }

  @Test
  void itRefusesADatabaseItDoesNotKnow() {
    int exit = BenchCommand.commandLine().execute("targets", "--databases", "mysql",
        "--results-dir", results.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(results).isEmptyDirectory();
  }

  private static Path only(Path dir, String prefix) throws IOException {
    List<Path> files = files(dir, prefix);
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  private static List<Path> files(Path dir, String prefix) throws IOException {
    try (Stream<Path> all = Files.list(dir)) {
      return all.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }
}
