package dev.threadhook.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Runs a {@link LoadPlan}: one platform thread per worker, each with its own channel. Latencies
 * of acknowledged units go into HdrHistograms in microseconds; failed units are counted by kind.
 */
public final class LoadRunner {
  /** Lets every worker thread start and reach its first wait before the clock starts. */
  private static final long START_LEAD_NANOS = Duration.ofMillis(50).toNanos();

  private final Progress progress;

  public LoadRunner(Progress progress) {
    this.progress = progress;
  }

  public LoadOutcome run(LoadPlan plan, LoadChannels channels) throws Exception {
    List<LoadChannel> opened = new ArrayList<>(plan.workers());
    try {
      for (int i = 0; i < plan.workers(); i++) opened.add(channels.open());
      return new Phase(plan).run(opened);
    } finally {
      opened.forEach(LoadChannel::close);
    }
  }

  private final class Phase {
    private final LoadPlan plan;
    private final Recorder latency = new Recorder(3);
    private final Recorder service = new Recorder(3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicLong nextIndex = new AtomicLong();
    private long start;
    private long end;

    Phase(LoadPlan plan) {
      this.plan = plan;
    }

    LoadOutcome run(List<LoadChannel> channels) throws InterruptedException {
      long startedAtMillis = System.currentTimeMillis() + START_LEAD_NANOS / 1_000_000;
      start = System.nanoTime() + START_LEAD_NANOS;
      end = start + plan.duration().toNanos();
      List<Thread> workers = new ArrayList<>(channels.size());
      for (LoadChannel channel : channels) {
        workers.add(Thread.ofPlatform().daemon().name("load-" + plan.name()).start(
            () -> work(channel)));
      }
      try (Progress.Handle ignored = progress.start(
          label(plan), start, plan.duration().toNanos(), acknowledged::sum)) {
        for (Thread worker : workers) worker.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long unsent = plan.model() == LoadModel.OPEN ? Math.max(0, plan.dueUnits() - sent.sum()) : 0;
      Map<String, Long> failed = new TreeMap<>();
      failures.forEach((kind, count) -> failed.put(kind, count.sum()));
      return new LoadOutcome(plan, startedAtMillis, System.currentTimeMillis(), seconds,
          sent.sum(), acknowledged.sum(), new LinkedHashMap<>(failed), firstFailure.get(), unsent,
          latency.getIntervalHistogram(), service.getIntervalHistogram());
    }

    private void work(LoadChannel channel) {
      waitUntil(start);
      if (plan.model() == LoadModel.CLOSED) {
        closedLoop(channel);
      } else {
        openLoop(channel);
      }
    }

    private void closedLoop(LoadChannel channel) {
      for (long begin = System.nanoTime(); begin < end; begin = System.nanoTime()) {
        long index = nextIndex.getAndIncrement();
        if (index >= plan.maxUnits()) return;
        perform(channel, index, begin, begin);
      }
    }

    /**
     * Takes the next due unit, waits for its due time when early, and sends it however late it
     * is, so a backlog shows as latency. A target that cannot keep up at all is given up on at
     * twice the phase's duration; what was due and never sent is reported as unsent.
     */
    private void openLoop(LoadChannel channel) {
      double intervalNanos = 1e9 / plan.ratePerSecond();
      long giveUpAt = end + plan.duration().toNanos();
      while (true) {
        long index = nextIndex.getAndIncrement();
        long due = start + (long) (index * intervalNanos);
        if (due >= end) return;
        long now = waitUntil(due);
        if (now > giveUpAt) return;
        perform(channel, index, due, now);
      }
    }

    private void perform(LoadChannel channel, long index, long due, long begin) {
      sent.increment();
      try {
        channel.perform(index);
      } catch (Exception e) {
        fail(e);
        return;
      }
      long done = System.nanoTime();
      acknowledged.increment();
      latency.recordValue(Math.max(1, (done - due) / 1000));
      service.recordValue(Math.max(1, (done - begin) / 1000));
    }

    private void fail(Exception e) {
      String kind = e instanceof UnexpectedStatusException status
          ? "HTTP " + status.status() : e.getClass().getSimpleName();
      failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
      firstFailure.compareAndSet(null, kind + ": " + e.getMessage());
    }
  }

  /** "send max, 64 conn", "drain max ×20000, 64 conn" or "send 5000/s, 64 conn". */
  private static String label(LoadPlan plan) {
    String load = plan.model() == LoadModel.OPEN
        ? String.format(java.util.Locale.ROOT, "%.0f/s", plan.ratePerSecond())
        : plan.counted() ? "max ×" + plan.maxUnits() : "max";
    return plan.name() + " " + load + ", " + plan.workers() + " conn";
  }

  /** Parks until {@code deadline} (System.nanoTime); returns the time it woke. */
  private static long waitUntil(long deadline) {
    long now;
    while ((now = System.nanoTime()) < deadline) LockSupport.parkNanos(deadline - now);
    return now;
  }
}
