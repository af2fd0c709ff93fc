package dev.threadhook.bench;

import dev.threadhook.bench.scenario.Rate;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code send}'s phases and the ceilings measured beside them. */
final class SendOptions {
  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
      description = "Length of each measured phase (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--rates", split = ",", defaultValue = "25%,50%,75%", paramLabel = "RATE",
      description = "Open-model phases after the maximum: requests a second (5000) or a share of"
          + " the measured maximum (50%%) (default: ${DEFAULT-VALUE}; 'none' for none).")
  List<String> rates;

  @Option(names = "--http-ceiling", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Measure the no-op HTTP endpoint alongside (default: on; --no-http-ceiling).")
  boolean httpCeiling;

  @Option(names = "--database-ceiling", negatable = true, defaultValue = "true",
      fallbackValue = "true", description = "Measure plain JDBC on a fresh database alongside"
          + " (default: on; --no-database-ceiling).")
  boolean databaseCeiling;

  @Option(names = "--paused-hook", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "On a server this run starts, measure the maximum once more, last, with the"
          + " organization's hook paused: the same writes as the database ceiling's (message,"
          + " thread, outbox row) without the deliveries sharing the machine (default: on;"
          + " --no-paused-hook).")
  boolean pausedHook;

  List<Rate> parsedRates() {
    return rates.size() == 1 && rates.get(0).equalsIgnoreCase("none")
        ? List.of() : rates.stream().map(Rate::parse).toList();
  }

  CeilingChoice ceilings() {
    return new CeilingChoice(httpCeiling, databaseCeiling);
  }
}
