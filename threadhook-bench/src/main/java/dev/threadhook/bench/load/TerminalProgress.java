package dev.threadhook.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** {@link Progress} on a stream: a bar redrawn four times a second, or plain lines. */
final class TerminalProgress implements Progress {
  private static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final boolean animated;

  TerminalProgress(PrintStream out, boolean animated) {
    this.out = out;
    this.animated = animated;
  }

  @Override
  public synchronized void note(String message) {
    out.println(message);
    out.flush();
  }

  @Override
  public Handle start(String label, long startNanos, long durationNanos, LongSupplier done) {
    Thread painter = animated ? Thread.ofPlatform().daemon().name("progress").start(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          paint(label, startNanos, durationNanos, done.getAsLong(), false);
          Thread.sleep(250);
        }
      } catch (InterruptedException finished) {
        // the phase is over
      }
    }) : null;
    return () -> {
      if (painter != null) {
        painter.interrupt();
        try {
          painter.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      paint(label, startNanos, durationNanos, done.getAsLong(), true);
    };
  }

  private synchronized void paint(
      String label, long startNanos, long durationNanos, long done, boolean last) {
    double elapsed = Math.max(0, (System.nanoTime() - startNanos) / 1e9);
    double total = durationNanos / 1e9;
    int filled = (int) Math.min(BAR_WIDTH, Math.round(elapsed / total * BAR_WIDTH));
    String line = String.format(Locale.ROOT, "  %-28s [%s%s] %5.1f/%.0f s %,12d done %,10.0f/s",
        label, "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), Math.min(elapsed, 999.9),
        total, done, elapsed > 0 ? done / elapsed : 0.0);
    if (animated) {
      out.print("\r" + line);
      if (last) out.println();
    } else if (last) {
      out.println(line);
    }
    out.flush();
  }
}
