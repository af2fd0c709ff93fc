package dev.threadhook.server.webhooks;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vacuums the deliveries table on PostgreSQL once enough of its rows changed. Every claim and
 * every settlement moves a row in the due index, leaving a dead entry that each later claim's
 * scan steps over until a vacuum removes it; autovacuum looks at a database once a minute at
 * best, and then only when a fifth of the table is dead. Measured under {@code send} load:
 * vacuuming every 2 s (about 0.1 s each) took PostgreSQL from 1.3 cores to 0.6 and send from
 * 2,760 to 3,994 msg/s.
 *
 * <p>A vacuum reads every index of the table whole, and the table keeps the delivered history
 * (seven days by default), so a vacuum costs more as the table grows: 170–290 ms at about
 * 100,000 rows in e2e (profile 33); at millions of rows it would run back to back. So after a
 * vacuum that took more than {@link #PACED_FROM}, this one rests {@link #DUTY_CYCLE_REST} times
 * as long as it took: vacuums take at most a twentieth of the time, however large the table.
 * Shorter ones keep the 2 s rhythm: resting after them too made drains on PostgreSQL slower in
 * three pairs of three (the claims stepped over more dead entries), docs/benchmarks.md.
 *
 * <p>{@code SKIP_LOCKED}: when another node is vacuuming the table, this one lets it.
 */
final class QueueVacuum implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueueVacuum.class);
  static final int DUTY_CYCLE_REST = 19;
  static final Duration PACED_FROM = Duration.ofSeconds(1);

  private final Jdbi jdbi;
  private final Duration interval;
  private final long minChangedRows;
  private final AtomicLong changedRows = new AtomicLong();
  /** Confined to the scheduler's thread. */
  private long restUntilNanos = System.nanoTime();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
          .name("webhook-vacuum").unstarted(r));

  /**
   * @param interval how often to look whether {@code minChangedRows} rows changed since the
   *     last vacuum
   */
  QueueVacuum(Jdbi jdbi, Duration interval, long minChangedRows) {
    this.jdbi = jdbi;
    this.interval = interval;
    this.minChangedRows = minChangedRows;
  }

  void start() {
    scheduler.scheduleWithFixedDelay(this::vacuumIfWorthIt, interval.toMillis(),
        interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Rows of the deliveries table were updated (claimed, settled, handed over). */
  void changed(int rows) {
    changedRows.addAndGet(rows);
  }

  private void vacuumIfWorthIt() {
    long changed = changedRows.get();
    if (changed < minChangedRows || System.nanoTime() - restUntilNanos < 0) return;
    changedRows.addAndGet(-changed);
    long started = System.nanoTime();
    try {
      // Not in a transaction: VACUUM refuses to run in one, and a fresh handle autocommits.
      jdbi.useHandle(h -> h.execute("VACUUM (SKIP_LOCKED) webhook_deliveries"));
      log.debug("vacuumed webhook_deliveries after {} changed rows in {} ms", changed,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (RuntimeException e) {
      log.warn("could not vacuum webhook_deliveries; autovacuum will in time", e);
    }
    long finished = System.nanoTime();
    restUntilNanos = finished + rest(Duration.ofNanos(finished - started)).toNanos();
  }

  /** How long to wait after a vacuum that took {@code took} before the next may start. */
  static Duration rest(Duration took) {
    return took.compareTo(PACED_FROM) > 0 ? took.multipliedBy(DUTY_CYCLE_REST) : Duration.ZERO;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
