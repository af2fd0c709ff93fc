package dev.threadhook.bench.report;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in milliseconds, from a histogram recorded in microseconds.
 *
 * @param count how many values were recorded
 */
public record Latency(
    long count, double p50, double p90, double p99, double p999, double max, double mean) {

  public static Latency ofMicros(Histogram micros) {
    return new Latency(micros.getTotalCount(),
        millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(90)),
        millis(micros.getValueAtPercentile(99)), millis(micros.getValueAtPercentile(99.9)),
        millis(micros.getMaxValue()), Math.round(micros.getMean()) / 1000.0);
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
