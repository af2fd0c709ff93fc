package dev.threadhook.server.cli;

import dev.threadhook.server.webhooks.RetrySchedule;
import dev.threadhook.server.webhooks.WebhookConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The webhook dispatcher's settings. Each is optional: what is not given keeps the default of
 * {@link WebhookConfig#defaults()}, which the descriptions repeat.
 */
final class WebhookOptions {
  @Option(names = "--webhook-connect-timeout", paramLabel = "DURATION",
      description = "Longest wait to connect to a hook (default: 5s).")
  Duration connectTimeout;

  @Option(names = "--webhook-request-timeout", paramLabel = "DURATION",
      description = "Longest wait for a hook's answer to one attempt (default: 15s).")
  Duration requestTimeout;

  @Option(names = "--webhook-retry-schedule", paramLabel = "DURATIONS",
      description = "Waits before each retry, comma-separated, jittered by ±20%% (default:"
          + " 1s,5s,30s,2m,10m,30m,1h,2h,4h,8h,8h,12h,12h).")
  RetrySchedule retrySchedule;

  @Option(names = "--webhook-lease", paramLabel = "DURATION",
      description = "How long a node holds a delivery it claimed; a dead node's claims are taken"
          + " over after it (default: 60s).")
  Duration lease;

  @Option(names = "--webhook-poll-interval", paramLabel = "DURATION",
      description = "How often due deliveries are looked for without a wake-up (default: 1s).")
  Duration pollInterval;

  @Option(names = "--webhook-max-concurrent-per-endpoint", paramLabel = "N",
      description = "Most attempts at once to one hook, per node (default: 32).")
  Integer maxConcurrentPerEndpoint;

  @Option(names = "--webhook-max-in-flight", paramLabel = "N",
      description = "Most attempts at once to all hooks, per node (default: 512).")
  Integer maxInFlight;

  @Option(names = "--webhook-breaker-failures", paramLabel = "N",
      description = "Consecutive failures of a hook after which its deliveries pause (default: 5).")
  Integer breakerFailures;

  @Option(names = "--webhook-breaker-open", paramLabel = "DURATION",
      description = "A paused hook's first pause before one probe delivery; each failed probe"
          + " doubles it (default: 10s).")
  Duration breakerOpen;

  @Option(names = "--webhook-breaker-max-open", paramLabel = "DURATION",
      description = "The longest pause of a failing hook (default: 5m, or --webhook-breaker-open"
          + " when that is longer).")
  Duration breakerMaxOpen;

  @Option(names = "--webhook-secret-overlap", paramLabel = "DURATION",
      description = "How long the previous signing secret still signs after a rotation (default: 24h).")
  Duration secretOverlap;

  @Option(names = "--webhook-retention", paramLabel = "DURATION",
      description = "How long delivered deliveries are kept (default: 7d).")
  Duration deliveredRetention;

  /** The settings given, over the defaults; IllegalArgumentException says which are at odds. */
  WebhookConfig toConfig() {
    WebhookConfig.Builder config = WebhookConfig.defaults().toBuilder();
    if (connectTimeout != null) config.connectTimeout(connectTimeout);
    if (requestTimeout != null) config.requestTimeout(requestTimeout);
    if (retrySchedule != null) config.retrySchedule(retrySchedule);
    if (lease != null) config.lease(lease);
    if (pollInterval != null) config.pollInterval(pollInterval);
    if (maxConcurrentPerEndpoint != null) config.maxConcurrentPerEndpoint(maxConcurrentPerEndpoint);
    if (maxInFlight != null) config.maxInFlight(maxInFlight);
    if (breakerFailures != null || breakerOpen != null || breakerMaxOpen != null) {
      WebhookConfig defaults = WebhookConfig.defaults();
      Duration open = breakerOpen != null ? breakerOpen : defaults.breakerOpenDuration();
      Duration maxOpen = breakerMaxOpen != null ? breakerMaxOpen
          : open.compareTo(defaults.breakerMaxOpenDuration()) > 0 ? open
          : defaults.breakerMaxOpenDuration();
      config.circuitBreaker(breakerFailures != null ? breakerFailures
          : defaults.breakerFailureThreshold(), open, maxOpen);
    }
    if (secretOverlap != null) config.secretOverlap(secretOverlap);
    if (deliveredRetention != null) config.deliveredRetention(deliveredRetention);
    return config.build();
  }
}
