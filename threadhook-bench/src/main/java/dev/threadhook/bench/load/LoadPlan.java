package dev.threadhook.bench.load;

import java.time.Duration;

/**
 * One phase of load.
 *
 * @param workers connections (or database workers), each doing one unit at a time
 * @param ratePerSecond units due a second in the open model; ignored in the closed model
 */
public record LoadPlan(
    String name, LoadModel model, int workers, double ratePerSecond, Duration duration) {

  public LoadPlan {
    if (workers < 1) throw new IllegalArgumentException("workers must be at least 1 but was " + workers);
    if (model == LoadModel.OPEN && !(ratePerSecond > 0)) {
      throw new IllegalArgumentException("an open-model rate must be above 0 but was " + ratePerSecond);
    }
  }

  public static LoadPlan closed(String name, int workers, Duration duration) {
    return new LoadPlan(name, LoadModel.CLOSED, workers, 0, duration);
  }

  public static LoadPlan open(String name, int workers, double ratePerSecond, Duration duration) {
    return new LoadPlan(name, LoadModel.OPEN, workers, ratePerSecond, duration);
  }

  /** How many units are due in the open model. */
  public long dueUnits() {
    return (long) Math.ceil(ratePerSecond * duration.toNanos() / 1e9);
  }
}
