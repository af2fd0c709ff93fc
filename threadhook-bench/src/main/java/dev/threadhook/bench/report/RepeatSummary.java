package dev.threadhook.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@code --repeat} runs of one scenario measured, each number as a {@link Spread} over the
 * runs: on a machine shared with its neighbours one run can be a third faster or slower than
 * the next, so a number worth quoting is a median with its range.
 *
 * @param runFiles each run's own JSON, in the order they ran
 * @param readyMillis process start to {@code /healthz}, over the runs that started a server
 * @param maxRssMegabytes the server's largest resident set of each run
 * @param phases each phase and ceiling, by name, in the order the first run had them
 * @param figures each figure, by name, in the order the first run had them
 * @param runsPassed runs in which every check passed
 */
public record RepeatSummary(
    String tool,
    String version,
    String scenario,
    String startedAt,
    int runs,
    List<String> runFiles,
    Spread readyMillis,
    Spread maxRssMegabytes,
    List<PhaseSpread> phases,
    List<FigureSpread> figures,
    int runsPassed) {

  /**
   * A phase over the runs.
   *
   * @param toDatabaseCeiling its throughput over the same run's database ceiling, where it had one
   */
  public record PhaseSpread(String name, Spread throughput, Spread p50Millis, Spread p99Millis,
      Spread toDatabaseCeiling) {}

  public record FigureSpread(String name, String unit, Spread value) {}

  public static RepeatSummary of(List<RunReport> reports, List<String> runFiles) {
    if (reports.isEmpty()) throw new IllegalArgumentException("a summary of no runs");
    RunReport first = reports.get(0);
    Map<String, List<PhaseResult>> phases = new LinkedHashMap<>();
    Map<String, List<Figure>> figures = new LinkedHashMap<>();
    for (RunReport report : reports) {
      List<PhaseResult> all = new ArrayList<>(report.ceilings());
      all.addAll(report.phases());
      all.forEach(p -> phases.computeIfAbsent(p.name(), name -> new ArrayList<>()).add(p));
      report.figures().forEach(
          f -> figures.computeIfAbsent(f.name(), name -> new ArrayList<>()).add(f));
    }
    List<PhaseSpread> phaseSpreads = new ArrayList<>();
    phases.forEach((name, runs) -> phaseSpreads.add(new PhaseSpread(name,
        spread(runs, PhaseResult::throughput), spread(runs, p -> p.latency().p50()),
        spread(runs, p -> p.latency().p99()),
        spread(runs, p -> p.ratios() == null ? null : p.ratios().throughputToDatabaseCeiling()))));
    List<FigureSpread> figureSpreads = new ArrayList<>();
    figures.forEach((name, runs) -> figureSpreads.add(
        new FigureSpread(name, runs.get(0).unit(), spread(runs, Figure::value))));
    return new RepeatSummary(first.tool(), first.version(), first.scenario(), first.startedAt(),
        reports.size(), List.copyOf(runFiles),
        spread(reports, r -> toDouble(r.target().readyMillis())),
        spread(reports, r -> r.target().maxRssBytes() == null
            ? null : r.target().maxRssBytes() / (1024.0 * 1024)),
        phaseSpreads, figureSpreads, (int) reports.stream().filter(RunReport::passed).count());
  }

  public boolean passed() {
    return runsPassed == runs;
  }

  /** The spread of what each run has; null when none has it. */
  private static <T> Spread spread(List<T> runs, Function<T, Double> value) {
    List<Double> values = runs.stream().map(value).filter(Objects::nonNull).toList();
    return values.isEmpty() ? null : Spread.of(values);
  }

  private static Double toDouble(Long value) {
    return value == null ? null : value.doubleValue();
  }
}
