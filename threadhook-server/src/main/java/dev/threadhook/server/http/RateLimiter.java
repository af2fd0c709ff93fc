package dev.threadhook.server.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API token or channel key: {@code perSecond} requests a second on average,
 * bursts of up to {@code burst}. Like Telegram's per-bot limits, it keeps one runaway bot from
 * starving the others; a rate of 0 turns it off (benchmarks).
 */
final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
  }

  /** Takes one request from {@code key}'s bucket; returns 0, or the seconds to wait when empty. */
  long acquire(String key) {
    if (perSecond <= 0) return 0;
    return buckets.computeIfAbsent(key, k -> new Bucket(burst)).take(perSecond, burst);
  }

  private static final class Bucket {
    private double tokens;
    private long refilledAt = System.nanoTime();

    Bucket(double tokens) {
      this.tokens = tokens;
    }

    synchronized long take(double perSecond, double burst) {
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
  }
}
