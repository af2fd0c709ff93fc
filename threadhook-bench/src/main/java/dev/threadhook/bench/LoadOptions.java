package dev.threadhook.bench;

import dev.threadhook.bench.load.HttpClientKind;
import dev.threadhook.bench.scenario.LoadSettings;
import dev.threadhook.bench.scenario.Rate;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** How the load is carried, for every scenario: connections, threads, client, warm-up. */
final class LoadOptions {
  @Option(names = "--connections", defaultValue = "64", paramLabel = "N",
      description = "HTTP connections carrying the load, one request in flight on each; also the"
          + " database ceiling's workers (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--threads", defaultValue = "1000", paramLabel = "N",
      description = "Customer threads the messages are spread over (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
      description = "Unmeasured load before each JVM's first measurement, for the JIT"
          + " (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--client", defaultValue = "raw", paramLabel = "raw|jdk",
      description = "HTTP client generating the load: raw (blocking sockets) or jdk"
          + " (java.net.http.HttpClient, HTTP/1.1) (default: ${DEFAULT-VALUE}).")
  HttpClientKind client;

  /**
   * @param duration of each measured phase
   * @param rates the open-model rates, as the scenario reads them
   */
  LoadSettings toSettings(Duration duration, List<Rate> rates) {
    if (connections < 1) throw new IllegalArgumentException("--connections must be at least 1");
    if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1");
    return new LoadSettings(client, connections, threads, duration, warmup, rates);
  }
}
