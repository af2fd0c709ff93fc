package dev.threadhook.bench;

import dev.threadhook.bench.scenario.FanoutScenario;
import dev.threadhook.bench.scenario.Rate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "fanout", mixinStandardHelpOptions = true,
    description = {
      "--organizations organizations, each with its own webhook receiver, get customers'"
          + " messages at --rate in all (open model) over --threads threads in all. A baseline"
          + " phase with every receiver answering, then a phase with the first organization's"
          + " receiver hanging (each attempt to it lasts the server's request timeout): the"
          + " other organizations' ack-to-webhook latency in both, and the ratio of their p99s.",
      "It makes the organizations with the server's admin command line on its database: on a"
          + " server it starts (--db), or on a running one (--url) whose database is named by"
          + " --server-data-dir or --server-db-url. A running server keeps them, their hooks"
          + " paused after the run, and its own request timeout (--webhook-request-timeout is"
          + " the started server's).",
      "Exits 1 when a check fails: a healthy organization's message not delivered, delivered"
          + " twice but by a retry, or out of its thread's order."})
final class FanoutCommand implements Callable<Integer>, ScenarioCommand {
  @Mixin TargetOptions target;
  @Mixin LoadOptions load;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(names = "--organizations", defaultValue = "8", paramLabel = "N",
      description = "Organizations, the first of which hangs in the second phase"
          + " (default: ${DEFAULT-VALUE}).")
  int organizations;

  @Option(names = "--rate", defaultValue = "1000", paramLabel = "PER_SECOND",
      description = "Messages a second to all organizations together (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
      description = "Length of each of the two measured phases (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--settle-timeout", defaultValue = "30s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "How long to wait for the last webhooks after each phase"
          + " (default: ${DEFAULT-VALUE}).")
  Duration settleTimeout;

  @Option(names = "--webhook-request-timeout", defaultValue = "5s",
      converter = DurationConverter.class, paramLabel = "DURATION",
      description = "The started server's longest wait for a hook's answer, so how long each"
          + " attempt to the hanging receiver lasts (default: ${DEFAULT-VALUE}).")
  Duration requestTimeout;

  @Override
  public Integer call() throws Exception {
    return benchRun().call();
  }

  /** This command's run, as its options describe it. */
  @Override
  public BenchRun benchRun() {
    if (target.url != null && target.serverDataDir == null && target.serverDbUrl == null) {
      throw new ParameterException(spec.commandLine(),
          "fanout makes its organizations with threadhook admin on the server's database: with"
              + " --url, name it with --server-data-dir or --server-db-url");
    }
    return new BenchRun(
        new FanoutScenario(organizations, rate, requestTimeout, settleTimeout), target,
        load.toSettings(duration, List.of(new Rate(rate, false))), CeilingChoice.NONE,
        output);
  }
}
