package dev.threadhook.bench.report;

import java.util.List;

/**
 * One number over several runs: the median, which a single slow or fast run does not move, and
 * the range, which says how far apart the runs were.
 *
 * @param runs how many runs had the number
 */
public record Spread(double median, double min, double max, int runs) {

  public static Spread of(List<Double> values) {
    if (values.isEmpty()) throw new IllegalArgumentException("a spread of no values");
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    double median = sorted.length % 2 == 1
        ? sorted[middle]
        : (sorted[middle - 1] + sorted[middle]) / 2;
    return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
  }
}
