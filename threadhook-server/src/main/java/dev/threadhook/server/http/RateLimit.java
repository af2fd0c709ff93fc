package dev.threadhook.server.http;

/**
 * Requests a second each API token or channel key may make on average, and the burst it may
 * spend at once; {@code perSecond} 0 turns limiting off.
 */
public record RateLimit(double perSecond, int burst) {
  public static final RateLimit DEFAULT = new RateLimit(50, 200);
  public static final RateLimit OFF = new RateLimit(0, 0);
}
