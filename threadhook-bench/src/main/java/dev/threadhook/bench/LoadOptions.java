package dev.threadhook.bench;

import dev.threadhook.bench.load.HttpClientKind;
import dev.threadhook.bench.scenario.LoadSettings;
import dev.threadhook.bench.scenario.Rate;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** How hard and how long to load. */
final class LoadOptions {
  @Option(names = "--connections", defaultValue = "64", paramLabel = "N",
      description = "HTTP connections carrying the load, one request in flight on each; also the"
          + " database ceiling's workers (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--threads", defaultValue = "1000", paramLabel = "N",
      description = "Customer threads the messages are spread over (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
      description = "Length of each measured phase (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
      description = "Unmeasured load before each JVM's first measurement, for the JIT"
          + " (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--rates", split = ",", defaultValue = "25%,50%,75%", paramLabel = "RATE",
      description = "Open-model phases after the maximum: requests a second (5000) or a share of"
          + " the measured maximum (50%%) (default: ${DEFAULT-VALUE}; 'none' for none).")
  List<String> rates;

  @Option(names = "--client", defaultValue = "raw", paramLabel = "raw|jdk",
      description = "HTTP client generating the load: raw (blocking sockets) or jdk"
          + " (java.net.http.HttpClient, HTTP/1.1) (default: ${DEFAULT-VALUE}).")
  HttpClientKind client;

  @Option(names = "--http-ceiling", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Measure the no-op HTTP endpoint alongside (default: on; --no-http-ceiling).")
  boolean httpCeiling;

  @Option(names = "--database-ceiling", negatable = true, defaultValue = "true",
      fallbackValue = "true", description = "Measure plain JDBC on a fresh database alongside"
          + " (default: on; --no-database-ceiling).")
  boolean databaseCeiling;

  LoadSettings toSettings() {
    if (connections < 1) throw new IllegalArgumentException("--connections must be at least 1");
    if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1");
    List<Rate> parsed = rates.size() == 1 && rates.get(0).equalsIgnoreCase("none")
        ? List.of() : rates.stream().map(Rate::parse).toList();
    return new LoadSettings(client, connections, threads, duration, warmup, parsed);
  }
}
