package dev.threadhook.bench;

import dev.threadhook.bench.report.IssueTargets;
import dev.threadhook.bench.report.Machine;
import dev.threadhook.bench.report.RepeatSummary;
import dev.threadhook.bench.report.ReportWriter;
import dev.threadhook.bench.report.TargetVerdict;
import dev.threadhook.bench.report.TargetsReport;
import dev.threadhook.bench.report.TargetsTable;
import dev.threadhook.bench.target.DatabaseChoice;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "targets", mixinStandardHelpOptions = true,
    description = {
      "Runs the documented set of docs/benchmarks.md on each of --databases, each run on a"
          + " server and a fresh database of its own: send's maximum (with the hook paused too),"
          + " e2e at 2,000 messages a second and a drain of 20,000 messages, each after a 40 s"
          + " warm-up, and fanout over 8 organizations. Then the targets of issue 5, what was"
          + " measured for each and whether it was met. About 6 to 9 minutes a database on a"
          + " 2-core machine, N times that with --repeat N (then medians).",
      "Each run prints its table and writes its JSON as the scenario would; the verdicts are"
          + " written as targets-<timestamp>.json.",
      "Exits 1 when a check of any run failed (a message lost, delivered twice but by a retry,"
          + " or out of order); a target missed is reported, not an error."})
final class TargetsCommand implements Callable<Integer> {
  @Option(names = "--databases", split = ",", defaultValue = "h2,postgres",
      paramLabel = "h2|postgres", description = "(default: ${DEFAULT-VALUE})")
  List<DatabaseChoice> databases;

  @Option(names = "--quick",
      description = "Phases of a second at a few messages a second: checks that the set runs"
          + " here, in a minute; its numbers say nothing of the targets.")
  boolean quick;

  @Option(names = "--server-jar", defaultValue = "${env:THREADHOOK_SERVER_JAR}",
      paramLabel = "JAR", description = "The server's shaded jar (./bench passes it).")
  Path serverJar;

  @Mixin PostgresOptions postgres;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    String startedAt = OffsetDateTime.now(ZoneOffset.UTC).toString();
    int repeat = output.repeat();
    List<TargetVerdict> verdicts = new ArrayList<>();
    List<RepeatSummary> all = new ArrayList<>();
    for (DatabaseChoice database : databases) {
      List<RepeatSummary> runs = new ArrayList<>();
      for (List<String> scenario : scenarios(database)) {
        output.progress(System.err).note("targets: " + String.join(" ", scenario));
        runs.add(command(scenario).benchRun().runAll());
      }
      verdicts.addAll(IssueTargets.judge(database.wireName(), runs));
      all.addAll(runs);
    }
    TargetsReport report = new TargetsReport("threadhook-bench", BenchCommand.version(),
        startedAt, Machine.current(), quick, repeat, verdicts, all,
        all.stream().allMatch(RepeatSummary::passed));
    new TargetsTable().print(report, System.out);
    System.out.println();
    System.out.println("Written to " + new ReportWriter().write(report, output.resultsDir));
    return report.checksPassed() ? 0 : 1;
  }

  /** Each scenario's command line, as docs/benchmarks.md gives it (or --quick's). */
  List<List<String>> scenarios(DatabaseChoice database) {
    List<List<String>> scenarios = new ArrayList<>();
    String db = database.toString();
    if (quick) {
      List<String> small = List.of("--duration", "1s", "--warmup", "200ms", "--threads", "12",
          "--connections", "4");
      scenarios.add(with(List.of("send", "--db", db, "--rates", "none"), small));
      scenarios.add(with(List.of("e2e", "--db", db, "--rate", "40", "--settle-timeout", "20s"),
          small));
      scenarios.add(with(List.of("drain", "--db", db, "--messages", "100", "--warmup", "200ms",
          "--threads", "12", "--connections", "4", "--drain-timeout", "30s"), List.of()));
      scenarios.add(with(List.of("fanout", "--db", db, "--organizations", "3", "--rate", "40",
          "--settle-timeout", "20s", "--webhook-request-timeout", "2s"), small));
    } else {
      scenarios.add(List.of("send", "--db", db, "--duration", "10s", "--warmup", "40s",
          "--rates", "none"));
      scenarios.add(List.of("e2e", "--db", db, "--rate", "2000", "--duration", "10s",
          "--warmup", "40s"));
      scenarios.add(List.of("drain", "--db", db, "--messages", "20000", "--warmup", "40s"));
      scenarios.add(List.of("fanout", "--db", db, "--organizations", "8", "--rate", "1000",
          "--duration", "10s"));
    }
    return scenarios;
  }

  /** The scenario's command with its options parsed, and this command's shared ones. */
  private ScenarioCommand command(List<String> scenario) {
    List<String> args = new ArrayList<>(scenario);
    if (serverJar != null) args.addAll(List.of("--server-jar", serverJar.toString()));
    args.addAll(postgres.arguments());
    args.addAll(List.of("--results-dir", output.resultsDir.toString(),
        "--repeat", Integer.toString(output.repeat()), "--progress", output.progress.name()));
    CommandLine.ParseResult parsed =
        BenchCommand.commandLine().parseArgs(args.toArray(String[]::new));
    return (ScenarioCommand) parsed.subcommand().commandSpec().userObject();
  }

  private static List<String> with(List<String> first, List<String> more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(more);
    return all;
  }
}
