package dev.threadhook.bench.report;

import java.util.List;

/**
 * How a run was asked for.
 *
 * @param client the HTTP client that generated the load: {@code raw} (blocking sockets, one
 *     request at a time per connection) or {@code jdk} (java.net.http.HttpClient, HTTP/1.1)
 * @param threads customer threads the messages were spread over
 * @param rates the open-model rates as given (absolute, or a percentage of the closed-model
 *     maximum)
 */
public record Settings(
    String client,
    int connections,
    int threads,
    double durationSeconds,
    double warmupSeconds,
    List<String> rates) {}
