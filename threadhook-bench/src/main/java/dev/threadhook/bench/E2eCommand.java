package dev.threadhook.bench;

import dev.threadhook.bench.scenario.E2eScenario;
import dev.threadhook.bench.scenario.Rate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "e2e", mixinStandardHelpOptions = true,
    description = {
      "Customers' messages through POST /api/channel/messages at --rate (open model) over"
          + " --threads threads, for --duration, each followed to its webhook at a loopback"
          + " receiver: the time from the request's answer to the receiver having read the"
          + " webhook, and the request's own latency, with the HTTP ceiling at the same rate.",
      "With --url the server must run on this machine and deliver to loopback"
          + " (--allow-private-webhooks); its organization's hook URL points at the receiver"
          + " during the run and is put back afterwards. Give --channel-key and a bot's --token.",
      "Exits 1 when a check fails: an acknowledged message not delivered, delivered twice but"
          + " by a retry, or out of its thread's order."})
final class E2eCommand implements Callable<Integer>, ScenarioCommand {
  @Mixin TargetOptions target;
  @Mixin LoadOptions load;
  @Mixin OutputOptions output;

  @Option(names = "--rate", defaultValue = "2000", paramLabel = "PER_SECOND",
      description = "Messages a second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
      description = "Length of the measured phase (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--settle-timeout", defaultValue = "30s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "How long to wait for the last webhooks once the load has ended"
          + " (default: ${DEFAULT-VALUE}).")
  Duration settleTimeout;

  @Option(names = "--http-ceiling", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Measure the no-op HTTP endpoint at the same rate (default: on;"
          + " --no-http-ceiling).")
  boolean httpCeiling;

  @Override
  public Integer call() throws Exception {
    return benchRun().call();
  }

  /** This command's run, as its options describe it. */
  @Override
  public BenchRun benchRun() {
    return new BenchRun(new E2eScenario(rate, settleTimeout), target,
        load.toSettings(duration, List.of(new Rate(rate, false))),
        new CeilingChoice(httpCeiling, false), output);
  }
}
