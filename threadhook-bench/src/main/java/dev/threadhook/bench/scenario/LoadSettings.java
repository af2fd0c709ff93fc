package dev.threadhook.bench.scenario;

import dev.threadhook.bench.load.HttpClientKind;
import java.time.Duration;
import java.util.List;

/**
 * How hard and how long a scenario loads its target.
 *
 * @param connections HTTP connections (and database-ceiling workers) carrying the load
 * @param threads customer threads the messages are spread over
 * @param duration of each measured phase
 * @param warmup of the unmeasured phase that precedes the first measurement of each JVM
 * @param rates the open-model phases, after the closed-model one
 */
public record LoadSettings(
    HttpClientKind client,
    int connections,
    int threads,
    Duration duration,
    Duration warmup,
    List<Rate> rates) {}
