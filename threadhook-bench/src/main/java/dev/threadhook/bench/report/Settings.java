package dev.threadhook.bench.report;

import java.util.List;
import java.util.Map;

/**
 * How a run was asked for.
 *
 * @param client the HTTP client that generated the load: {@code raw} (blocking sockets, one
 *     request at a time per connection) or {@code jdk} (java.net.http.HttpClient, HTTP/1.1)
 * @param threads customer threads the messages were spread over
 * @param durationSeconds of each measured phase; 0 for a scenario whose phases are an amount of
 *     work rather than a time (drain)
 * @param rates the open-model rates as given (absolute, or a percentage of the closed-model
 *     maximum)
 * @param scenario the scenario's own settings (drain's message count, fanout's organizations…)
 */
public record Settings(
    String client,
    int connections,
    int threads,
    double durationSeconds,
    double warmupSeconds,
    List<String> rates,
    Map<String, String> scenario) {}
