package dev.threadhook.bench.report;

/**
 * A result next to the ceilings of the same machine, measured in the same run; a ratio is null
 * when its ceiling was not measured.
 *
 * @param throughputToHttpCeiling messages a second over the no-op endpoint's requests a second
 *     (closed model: both at their maximum; open model: both at the same rate)
 * @param throughputToDatabaseCeiling messages a second over plain JDBC transactions a second
 * @param p50ToHttpCeiling median latency over the no-op endpoint's, under the same load model
 * @param p99ToHttpCeiling 99th percentile over the no-op endpoint's, under the same load model
 */
public record Ratios(
    Double throughputToHttpCeiling,
    Double throughputToDatabaseCeiling,
    Double p50ToHttpCeiling,
    Double p99ToHttpCeiling) {

  /** The ratios of {@code result} to the ceilings (either may be null). */
  public static Ratios of(PhaseResult result, PhaseResult httpCeiling, PhaseResult databaseCeiling) {
    return new Ratios(
        httpCeiling == null ? null : ratio(result.throughput(), httpCeiling.throughput()),
        databaseCeiling == null ? null
            : ratio(result.throughput(), databaseCeiling.throughput()),
        httpCeiling == null ? null
            : ratio(result.latency().p50(), httpCeiling.latency().p50()),
        httpCeiling == null ? null
            : ratio(result.latency().p99(), httpCeiling.latency().p99()));
  }

  private static Double ratio(double value, double ceiling) {
    return ceiling <= 0 ? null : Math.round(value / ceiling * 100) / 100.0;
  }
}
