package dev.threadhook.bot;

import java.time.Duration;

/** Counts the webhooks being handled, so shutdown can refuse new ones and wait for these. */
final class InFlight {
  private int count;
  private boolean closing;

  synchronized boolean enter() {
    if (closing) return false;
    count++;
    return true;
  }

  synchronized void exit() {
    count--;
    if (count == 0) notifyAll();
  }

  synchronized boolean isClosing() {
    return closing;
  }

  /** Refuses new webhooks from now on; true when every running one finished within timeout. */
  synchronized boolean closeAndAwait(Duration timeout) throws InterruptedException {
    closing = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
