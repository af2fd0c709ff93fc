package dev.threadhook.bench.load;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** What a run tells its user while it runs: notes about each step, and each phase's progress. */
public interface Progress {
  /** A step worth a line ("seeding 1000 threads"). */
  void note(String message);

  /**
   * Shows a phase until the handle is closed.
   *
   * @param startNanos the phase's start on System.nanoTime (it may lie slightly ahead)
   * @param done how many units were done so far
   */
  Handle start(String label, long startNanos, long durationNanos, LongSupplier done);

  interface Handle extends AutoCloseable {
    @Override
    void close();
  }

  Progress NONE = new Progress() {
    @Override
    public void note(String message) {}

    @Override
    public Handle start(String label, long startNanos, long durationNanos, LongSupplier done) {
      return () -> {};
    }
  };

  /** A progress bar redrawn in place with {@code \r}, for a terminal. */
  static Progress bar(PrintStream out) {
    return new TerminalProgress(out, true);
  }

  /** One line per note and per finished phase, for logs and pipes. */
  static Progress lines(PrintStream out) {
    return new TerminalProgress(out, false);
  }
}
