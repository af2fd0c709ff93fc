package dev.threadhook.bench;

import dev.threadhook.bench.load.Progress;
import dev.threadhook.bench.report.Machine;
import dev.threadhook.bench.report.RepeatSummary;
import dev.threadhook.bench.report.ReportWriter;
import dev.threadhook.bench.report.ResultTable;
import dev.threadhook.bench.report.RunReport;
import dev.threadhook.bench.report.Settings;
import dev.threadhook.bench.report.SummaryTable;
import dev.threadhook.bench.scenario.CeilingSettings;
import dev.threadhook.bench.scenario.Ceilings;
import dev.threadhook.bench.scenario.LoadSettings;
import dev.threadhook.bench.scenario.PhaseRunner;
import dev.threadhook.bench.scenario.Rate;
import dev.threadhook.bench.scenario.Scenario;
import dev.threadhook.bench.scenario.ScenarioContext;
import dev.threadhook.bench.scenario.ScenarioResult;
import dev.threadhook.bench.target.Target;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A scenario from the command line: the target up, the scenario with its ceilings, then the
 * table on stdout and the JSON file; with {@code --repeat}, that many times, then the summary.
 * Returns 0 when every check of every run passed, else 1. {@code targets} runs several of them.
 */
final class BenchRun implements Callable<Integer> {
  private final Scenario scenario;
  private final TargetOptions targetOptions;
  private final LoadSettings load;
  private final CeilingChoice ceilingChoice;
  private final OutputOptions output;

  BenchRun(Scenario scenario, TargetOptions target, LoadSettings load, CeilingChoice ceilings,
      OutputOptions output) {
    this.scenario = scenario;
    this.targetOptions = target;
    this.load = load;
    this.ceilingChoice = ceilings;
    this.output = output;
  }

  @Override
  public Integer call() throws Exception {
    return runAll().passed() ? 0 : 1;
  }

  /**
   * Runs it {@code --repeat} times, printing each run's table and writing its JSON, then (for
   * more than one run) the summary's: what every run measured, each number over the runs.
   */
  RepeatSummary runAll() throws Exception {
    int runs = output.repeat();
    PrintStream out = System.out;
    Progress progress = output.progress(System.err);
    ReportWriter writer = new ReportWriter();
    List<RunReport> reports = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      if (runs > 1) progress.note("Run " + run + " of " + runs);
      RunReport report = runOnce(progress);
      new ResultTable().print(report, out);
      Path file = writer.write(report, output.resultsDir);
      out.println();
      out.println("Written to " + file);
      reports.add(report);
      files.add(file.getFileName().toString());
    }
    RepeatSummary summary = RepeatSummary.of(reports, files);
    if (runs > 1) {
      new SummaryTable().print(summary, out);
      out.println();
      out.println("Written to " + writer.write(summary, output.resultsDir));
    }
    return summary;
  }

  private RunReport runOnce(Progress progress) throws Exception {
    String startedAt = OffsetDateTime.now(ZoneOffset.UTC).toString();
    Path logDir = Files.createTempDirectory("threadhook-bench-logs-");
    CeilingSettings ceilingSettings = new CeilingSettings(ceilingChoice.http(),
        ceilingChoice.database() ? targetOptions.ceilingDatabase() : null,
        targetOptions.postgres(), targetOptions.jvmOptions(), logDir);

    progress.note(targetOptions.url == null
        ? "Starting the server on a fresh " + targetOptions.ceilingDatabase() + " database…"
        : "Using the server at " + targetOptions.url);
    RunReport report;
    try (Target target = targetOptions.open(scenario.serveArguments())) {
      if (target.info().readyMillis() != null) {
        progress.note("  ready in " + target.info().readyMillis() + " ms");
      }
      PhaseRunner phases = new PhaseRunner(progress);
      ScenarioResult result;
      try (Ceilings ceilings = new Ceilings(ceilingSettings, load, phases, progress)) {
        result = scenario.run(new ScenarioContext(target, load, phases, ceilings, progress));
        report = new RunReport("threadhook-bench", BenchCommand.version(), scenario.name(),
            startedAt, Machine.current(), target.info(), settings(), ceilings.measured(),
            result.phases(), result.figures(), result.checks());
      }
    }
    return report;
  }

  private Settings settings() {
    return new Settings(load.client().name().toLowerCase(java.util.Locale.ROOT),
        load.connections(), load.threads(), load.duration().toMillis() / 1000.0,
        load.warmup().toMillis() / 1000.0, load.rates().stream().map(Rate::toString).toList(),
        scenario.options());
  }
}
