package dev.threadhook.bench.load;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a phase of load did, before it is put next to anything else.
 *
 * @param startedAtMillis wall clock when the phase began, to match samples taken meanwhile
 * @param latencyMicros from each unit's due time (open model) or its start (closed model)
 * @param serviceMicros from each unit's actual start; in the closed model the same as latency
 * @param failures by kind, with counts
 * @param firstFailure the first failure's message, to tell what went wrong; null when none
 * @param unsent open model: units due in the phase that were never started
 */
public record LoadOutcome(
    LoadPlan plan,
    long startedAtMillis,
    long endedAtMillis,
    double seconds,
    long sent,
    long acknowledged,
    Map<String, Long> failures,
    String firstFailure,
    long unsent,
    Histogram latencyMicros,
    Histogram serviceMicros) {

  public double throughput() {
    return seconds <= 0 ? 0 : acknowledged / seconds;
  }
}
