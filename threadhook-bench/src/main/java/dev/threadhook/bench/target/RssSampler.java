package dev.threadhook.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Samples a local process's resident set size (VmRSS in /proc/&lt;pid&gt;/status) on a schedule,
 * so each phase can report the largest it saw.
 */
public final class RssSampler implements AutoCloseable {
  private record Sample(long atMillis, long bytes) {}

  private final long pid;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread sampler;

  public RssSampler(long pid, Duration every) {
    this.pid = pid;
    this.sampler = Thread.ofPlatform().daemon().name("rss-" + pid).start(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          OptionalLong rss = rss(pid);
          if (rss.isEmpty()) return;
          synchronized (samples) {
            samples.add(new Sample(System.currentTimeMillis(), rss.getAsLong()));
          }
          Thread.sleep(every.toMillis());
        }
      } catch (InterruptedException closed) {
        // sampling ends with the run
      }
    });
  }

  public long pid() {
    return pid;
  }

  /** The largest sample taken between the two wall-clock times, if any was. */
  public OptionalLong maxBetween(long fromMillis, long toMillis) {
    synchronized (samples) {
      return samples.stream().filter(s -> s.atMillis() >= fromMillis && s.atMillis() <= toMillis)
          .mapToLong(Sample::bytes).max();
    }
  }

  public OptionalLong max() {
    return maxBetween(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** The process's resident set now, or empty when it is gone (or this is not Linux). */
  public static OptionalLong rss(long pid) {
    try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
          .map(l -> OptionalLong.of(
              Long.parseLong(l.substring(6).replace("kB", "").strip()) * 1024))
          .orElse(OptionalLong.empty());
    } catch (IOException | RuntimeException gone) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    sampler.interrupt();
  }
}
