package dev.threadhook.bench.report;

import java.util.Map;

/**
 * What one measured phase did.
 *
 * @param name what was measured ({@code send}, {@code http ceiling}, {@code database ceiling})
 * @param model {@code closed}: each connection sends as soon as its previous answer came;
 *     {@code open}: requests are due at a fixed rate whether or not earlier ones were answered
 * @param connections connections (or database workers) that carried the load
 * @param targetRate requests a second asked for, in the open model; null in the closed model
 * @param seconds from the first request to the last answer
 * @param sent requests sent (transactions begun, for the database ceiling)
 * @param acknowledged requests answered with 2xx (transactions committed)
 * @param failures what went wrong, by kind (an HTTP status, an exception class), with counts
 * @param unsent open model only: requests that were due but never sent because the phase ran
 *     out of time twice over (the target could not keep up)
 * @param throughput acknowledged a second
 * @param latency in the open model from each request's due time (so a slow answer that delays
 *     later requests counts against them too: no coordinated omission); in the closed model from
 *     the moment it was sent
 * @param serviceTime open model only: from the moment each request was actually sent
 * @param serverRssMaxBytes the target process's largest resident set seen during the phase, or
 *     null when it is not a local process
 * @param cpu cores used during the phase, by whom; null where /proc is not there
 * @param ratios to the ceilings, null for the ceilings themselves
 */
public record PhaseResult(
    String name,
    String model,
    int connections,
    Double targetRate,
    double seconds,
    long sent,
    long acknowledged,
    Map<String, Long> failures,
    long unsent,
    double throughput,
    Latency latency,
    Latency serviceTime,
    Long serverRssMaxBytes,
    CpuUse cpu,
    Ratios ratios) {

  public PhaseResult withRatios(Ratios ratios) {
    return new PhaseResult(name, model, connections, targetRate, seconds, sent, acknowledged,
        failures, unsent, throughput, latency, serviceTime, serverRssMaxBytes, cpu, ratios);
  }

  public boolean open() {
    return "open".equals(model);
  }

  public long failed() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }
}
