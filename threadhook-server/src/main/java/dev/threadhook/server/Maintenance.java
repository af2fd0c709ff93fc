package dev.threadhook.server;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Housekeeping that runs on a schedule, each task logging and surviving its own failures. */
public final class Maintenance implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
          .name("threadhook-maintenance").unstarted(r));

  /** Runs {@code task} every {@code periodSeconds}, the first time after one period. */
  public void every(long periodSeconds, String name, Runnable task) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("maintenance task '{}' failed; it runs again in {} s", name, periodSeconds, e);
      }
    }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
