package dev.threadhook.bench.load;

/** How requests are scheduled. */
public enum LoadModel {
  /** Each worker sends its next request as soon as its previous one was answered: the maximum. */
  CLOSED,
  /**
   * Requests are due at a fixed rate, whatever happened to earlier ones; latency counts from the
   * due time, so a stall shows in every request it delayed (no coordinated omission).
   */
  OPEN;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
