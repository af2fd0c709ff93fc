package dev.threadhook.bench.load;

import java.time.Duration;

/**
 * One phase of load.
 *
 * @param workers connections (or database workers), each doing one unit at a time
 * @param ratePerSecond units due a second in the open model; ignored in the closed model
 * @param duration how long the phase lasts; with {@code maxUnits}, the most it may last
 * @param maxUnits closed model: the phase ends once this many units were started, even before
 *     its duration is over ({@link Long#MAX_VALUE}: no such bound)
 */
public record LoadPlan(String name, LoadModel model, int workers, double ratePerSecond,
    Duration duration, long maxUnits) {

  public LoadPlan {
    if (workers < 1) throw new IllegalArgumentException("workers must be at least 1 but was " + workers);
    if (model == LoadModel.OPEN && !(ratePerSecond > 0)) {
      throw new IllegalArgumentException("an open-model rate must be above 0 but was " + ratePerSecond);
    }
    if (maxUnits < 1) throw new IllegalArgumentException("maxUnits must be at least 1 but was " + maxUnits);
  }

  public LoadPlan(String name, LoadModel model, int workers, double ratePerSecond, Duration duration) {
    this(name, model, workers, ratePerSecond, duration, Long.MAX_VALUE);
  }

  public static LoadPlan closed(String name, int workers, Duration duration) {
    return new LoadPlan(name, LoadModel.CLOSED, workers, 0, duration);
  }

  /**
   * Exactly {@code units} units at the maximum rate (closed model), unless {@code timeLimit}
   * runs out first: a fixed amount of work rather than a fixed time.
   */
  public static LoadPlan closedCount(String name, int workers, long units, Duration timeLimit) {
    return new LoadPlan(name, LoadModel.CLOSED, workers, 0, timeLimit, units);
  }

  public static LoadPlan open(String name, int workers, double ratePerSecond, Duration duration) {
    return new LoadPlan(name, LoadModel.OPEN, workers, ratePerSecond, duration);
  }

  /** How many units are due in the open model. */
  public long dueUnits() {
    return (long) Math.ceil(ratePerSecond * duration.toNanos() / 1e9);
  }

  public boolean counted() {
    return maxUnits != Long.MAX_VALUE;
  }
}
