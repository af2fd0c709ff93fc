package dev.threadhook.server.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets only a few large request bodies be read and handled at once. A channel message may carry
 * a 5 MiB attachment in a 7 MiB body, and handling one holds several copies of it in the heap at
 * the same time (the body, its base64 text as the parser builds it, the bytes, the database's
 * copy): two at once ran a server with the launcher's 96 MB heap out of memory, and they failed
 * with a 500. Over the limit a request waits for its turn — not reading its body — for up
 * to {@code maxWait}, then is answered 429, to come back a second later.
 */
final class LargeBodies {
  /** Bodies above this (or of unknown length) take a turn: the Bot API's own limit, 1 MiB. */
  static final long LARGE_BYTES = BotApiHandlers.MAX_BODY_BYTES;

  private final Semaphore turns;
  private final Duration maxWait;

  LargeBodies(int atOnce, Duration maxWait) {
    this.turns = new Semaphore(atOnce, true);
    this.maxWait = maxWait;
  }

  /** Runs {@code handling} at once for a small body, or in its turn for a large one. */
  void handle(long declaredLength, Runnable handling) {
    if (declaredLength >= 0 && declaredLength <= LARGE_BYTES) {
      handling.run();
      return;
    }
    boolean turn;
    try {
      turn = turns.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to read a large body", e);
    }
    if (!turn) {
      throw new RateLimitedException("too many large messages (attachments) at once: retry after"
          + " 1 s", 1);
    }
    try {
      handling.run();
    } finally {
      turns.release();
    }
  }
}
