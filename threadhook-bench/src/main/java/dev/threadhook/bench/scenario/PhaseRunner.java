package dev.threadhook.bench.scenario;

import dev.threadhook.bench.load.LoadChannels;
import dev.threadhook.bench.load.LoadModel;
import dev.threadhook.bench.load.LoadOutcome;
import dev.threadhook.bench.load.LoadPlan;
import dev.threadhook.bench.load.LoadRunner;
import dev.threadhook.bench.load.Progress;
import dev.threadhook.bench.report.CpuUse;
import dev.threadhook.bench.report.Latency;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.target.CpuSnapshot;
import dev.threadhook.bench.target.RssSampler;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs phases of load and turns each into a {@link PhaseResult} with the target's largest
 * resident set during it and the CPU each process used. Every phase's counts, warm-ups included, are added to a
 * {@link Tally} for the correctness checks made after the load.
 */
public final class PhaseRunner {
  private final LoadRunner runner;
  private final Progress progress;

  public PhaseRunner(Progress progress) {
    this.runner = new LoadRunner(progress);
    this.progress = progress;
  }

  /** Runs a phase whose results are thrown away (the JIT's warm-up); it still counts. */
  public void warmUp(LoadPlan plan, LoadChannels channels, Tally tally) throws Exception {
    tally.add(run(plan, channels));
  }

  public PhaseResult measure(LoadPlan plan, LoadChannels channels, Optional<RssSampler> memory,
      Tally tally) throws Exception {
    Long pid = memory.map(RssSampler::pid).orElse(null);
    CpuSnapshot before = CpuSnapshot.take(pid);
    LoadOutcome outcome = run(plan, channels);
    CpuUse cpu = before.until(CpuSnapshot.take(pid));
    tally.add(outcome);
    OptionalLong rss = memory.map(m -> m.maxBetween(outcome.startedAtMillis(),
        outcome.endedAtMillis())).orElse(OptionalLong.empty());
    boolean open = plan.model() == LoadModel.OPEN;
    return new PhaseResult(plan.name(), plan.model().wireName(), plan.workers(),
        open ? plan.ratePerSecond() : null, round(outcome.seconds()), outcome.sent(),
        outcome.acknowledged(), outcome.failures(), outcome.unsent(), round(outcome.throughput()),
        Latency.ofMicros(outcome.latencyMicros()),
        open ? Latency.ofMicros(outcome.serviceMicros()) : null,
        rss.isPresent() ? rss.getAsLong() : null, cpu, null);
  }

  private LoadOutcome run(LoadPlan plan, LoadChannels channels) throws Exception {
    LoadOutcome outcome = runner.run(plan, channels);
    if (outcome.firstFailure() != null) {
      progress.note("    " + outcome.failures() + " failed; the first: " + outcome.firstFailure());
    }
    if (outcome.unsent() > 0) {
      progress.note("    " + outcome.unsent() + " requests were due but never sent: the target"
          + " fell more than a phase behind");
    }
    return outcome;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** Units sent and acknowledged over several phases. */
  public static final class Tally {
    private long sent;
    private long acknowledged;

    synchronized void add(LoadOutcome outcome) {
      sent += outcome.sent();
      acknowledged += outcome.acknowledged();
    }

    public synchronized long sent() {
      return sent;
    }

    public synchronized long acknowledged() {
      return acknowledged;
    }
  }
}
