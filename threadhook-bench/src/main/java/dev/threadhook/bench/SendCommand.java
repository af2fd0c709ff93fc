package dev.threadhook.bench;

import dev.threadhook.bench.scenario.SendScenario;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "send", mixinStandardHelpOptions = true,
    description = {
      "POST /api/send-message-to-customer-thread at the maximum rate (closed model), then at"
          + " each --rates (open model: latency from each request's due time), over --threads"
          + " customer threads; with the HTTP ceiling (a no-op endpoint on the same stack) and"
          + " the database ceiling (the same rows through plain JDBC) measured alongside; on a"
          + " server it starts, last the maximum again with the hook paused (the writes alone).",
      "Exits 1 when a check fails (a message acknowledged but not stored, say)."})
final class SendCommand implements Callable<Integer>, ScenarioCommand {
  @Mixin TargetOptions target;
  @Mixin LoadOptions load;
  @Mixin SendOptions send;
  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    return benchRun().call();
  }

  /** This command's run, as its options describe it. */
  @Override
  public BenchRun benchRun() {
    return new BenchRun(new SendScenario(send.pausedHook), target,
        load.toSettings(send.duration, send.parsedRates()), send.ceilings(), output);
  }
}
