package dev.threadhook.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The targets of issue 5 ("Load tool and benchmarks: know the ceilings, then reach them"), read
 * off the summaries of one database's runs of the four scenarios. Throughput and latency are the
 * runs' medians; memory and the start are bounds every run must keep, so their largest value.
 */
public final class IssueTargets {
  static final double H2_SENDS_A_SECOND = 10_000;
  static final double E2E_P50_MILLIS = 5;
  static final double E2E_P99_MILLIS = 25;
  static final double DRAIN_DELIVERIES_A_SECOND = 5_000;
  static final double FANOUT_P99_RATIO = 2;
  static final double RSS_MEGABYTES = 300;
  static final double READY_MILLIS = 2_000;

  private IssueTargets() {}

  /**
   * @param database "h2" or "postgresql"
   * @param runs the summaries of that database's send, e2e, drain and fanout runs
   */
  public static List<TargetVerdict> judge(String database, List<RepeatSummary> runs) {
    List<TargetVerdict> verdicts = new ArrayList<>();
    Optional<RepeatSummary.PhaseSpread> writes = phase(runs, "send", "send, hook paused");
    if (database.equals("h2")) {
      verdicts.add(verdict("send: the writes alone ≥ 10,000 msg/s", database,
          writes.map(RepeatSummary.PhaseSpread::throughput),
          s -> format("%,.0f msg/s", s.median()), s -> s.median() >= H2_SENDS_A_SECOND));
    } else {
      verdicts.add(verdict("send: the writes alone ≥ the database ceiling", database,
          writes.map(RepeatSummary.PhaseSpread::toDatabaseCeiling),
          s -> format("%.2f × the ceiling", s.median()), s -> s.median() >= 1));
    }
    Optional<RepeatSummary.PhaseSpread> e2e = phase(runs, "e2e", "e2e ack→webhook");
    verdicts.add(verdict("e2e at 2,000/s: ack→webhook p50 < 5 ms, p99 < 25 ms", database,
        e2e.filter(p -> p.p50Millis() != null && p.p99Millis() != null),
        p -> format("p50 %.2f ms, p99 %.2f ms", p.p50Millis().median(), p.p99Millis().median()),
        p -> p.p50Millis().median() < E2E_P50_MILLIS && p.p99Millis().median() < E2E_P99_MILLIS));
    verdicts.add(verdict("drain: ≥ 5,000 deliveries/s from the come-back", database,
        figure(runs, "drain", "deliveries a second from the come-back"),
        s -> format("%,.0f/s", s.median()), s -> s.median() >= DRAIN_DELIVERIES_A_SECOND));
    verdicts.add(verdict("fanout: healthy p99 with one hook hanging ≤ 2 × without", database,
        figure(runs, "fanout", "healthy p99, hanging / baseline"),
        s -> format("%.2f ×", s.median()), s -> s.median() <= FANOUT_P99_RATIO));
    verdicts.add(verdict("memory: server RSS under load < 300 MB", database,
        largest(runs, RepeatSummary::maxRssMegabytes),
        max -> format("%.0f MB at most", max), max -> max < RSS_MEGABYTES));
    verdicts.add(verdict("start: ready < 2 s", database,
        largest(runs, RepeatSummary::readyMillis),
        max -> format("%,.0f ms at most", max), max -> max < READY_MILLIS));
    return verdicts;
  }

  private static <T> TargetVerdict verdict(String target, String database, Optional<T> value,
      Function<T, String> shown, Function<T, Boolean> met) {
    return value.map(v -> new TargetVerdict(target, database, shown.apply(v), met.apply(v)))
        .orElseGet(() -> new TargetVerdict(target, database, "not measured", false));
  }

  private static Optional<RepeatSummary.PhaseSpread> phase(
      List<RepeatSummary> runs, String scenario, String name) {
    return of(runs, scenario).flatMap(
        s -> s.phases().stream().filter(p -> p.name().equals(name)).findFirst());
  }

  private static Optional<Spread> figure(List<RepeatSummary> runs, String scenario, String name) {
    return of(runs, scenario).flatMap(s -> s.figures().stream()
        .filter(f -> f.name().equals(name)).findFirst().map(RepeatSummary.FigureSpread::value));
  }

  private static Optional<Double> largest(
      List<RepeatSummary> runs, Function<RepeatSummary, Spread> value) {
    return runs.stream().map(value).filter(s -> s != null).map(Spread::max)
        .max(Double::compare);
  }

  private static Optional<RepeatSummary> of(List<RepeatSummary> runs, String scenario) {
    return runs.stream().filter(s -> s.scenario().equals(scenario)).findFirst();
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
