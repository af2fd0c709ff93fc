package dev.threadhook.bench;

import dev.threadhook.bench.scenario.DrainScenario;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drain", mixinStandardHelpOptions = true,
    description = {
      "The webhook receiver goes down (connections refused), --messages customers' messages"
          + " are written through POST /api/channel/messages over --threads threads at the"
          + " maximum rate, then the receiver comes back: the time from the come-back to the"
          + " last delivery, and deliveries a second from the come-back and from the first"
          + " delivery after it (the difference is the retry and circuit-breaker wait).",
      "With a --warmup, the warm-up load is followed by a small drain (a quarter of --messages)"
          + " so that the measured drain runs code the JIT has compiled.",
      "A server it starts gets the --webhook-* settings below. With --url the server keeps its"
          + " own (by default the first retry waits 1 s and a failing hook pauses 10 s, up to"
          + " 5 min); it must run on this machine and deliver to loopback"
          + " (--allow-private-webhooks); give --channel-key and a bot's --token.",
      "Exits 1 when a check fails: a message not delivered, delivered twice but by a retry, or"
          + " out of its thread's order."})
final class DrainCommand implements Callable<Integer>, ScenarioCommand {
  @Mixin TargetOptions target;
  @Mixin LoadOptions load;
  @Mixin OutputOptions output;

  @Option(names = "--messages", defaultValue = "20000", paramLabel = "N",
      description = "Messages written while the receiver is down (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--drain-timeout", defaultValue = "2m", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "The longest the writes may take, and the drain (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--webhook-retry-schedule", paramLabel = "DURATIONS",
      description = "The started server's waits before each retry (default: 100ms,200ms,500ms"
          + " then 1s, 60 retries: a retry spends one of them each time the paused hook is"
          + " probed, so they must outlast the writes).")
  String retrySchedule = DrainScenario.ServerTimings.RETRY_SCHEDULE;

  @Option(names = "--webhook-breaker-failures", defaultValue = "5", paramLabel = "N",
      description = "The started server's consecutive failures before a hook is paused"
          + " (default: ${DEFAULT-VALUE}).")
  int breakerFailures;

  @Option(names = "--webhook-breaker-open", defaultValue = "100ms",
      converter = DurationConverter.class, paramLabel = "DURATION",
      description = "The started server's first pause of a failing hook (default:"
          + " ${DEFAULT-VALUE}).")
  Duration breakerOpen;

  @Option(names = "--webhook-breaker-max-open", defaultValue = "1s",
      converter = DurationConverter.class, paramLabel = "DURATION",
      description = "The started server's longest pause, which bounds the wait after the"
          + " come-back (default: ${DEFAULT-VALUE}).")
  Duration breakerMaxOpen;

  @Override
  public Integer call() throws Exception {
    return benchRun().call();
  }

  /** This command's run, as its options describe it. */
  @Override
  public BenchRun benchRun() {
    DrainScenario.ServerTimings timings = new DrainScenario.ServerTimings(
        retrySchedule, breakerFailures, breakerOpen, breakerMaxOpen);
    return new BenchRun(new DrainScenario(messages, timeout, timings), target,
        load.toSettings(Duration.ZERO, List.of()), CeilingChoice.NONE, output);
  }
}
