package dev.threadhook.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.server.webhooks.WebhookConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The --webhook-* flags of serve change only the settings they name. */
class WebhookOptionsTest {
  @Test
  void noFlagsKeepTheDefaults() {
    assertThat(config()).isEqualTo(WebhookConfig.defaults());
  }

  @Test
  void circuitBreakerFlagsSetThePause() {
    WebhookConfig config = config("--webhook-breaker-failures", "2", "--webhook-breaker-open", "200ms",
        "--webhook-breaker-max-open", "1s");
    assertThat(config.breakerFailureThreshold()).isEqualTo(2);
    assertThat(config.breakerOpenDuration()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.breakerMaxOpenDuration()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.requestTimeout()).isEqualTo(WebhookConfig.defaults().requestTimeout());
  }

  @Test
  void aFirstPauseLongerThanTheDefaultLongestRaisesTheLongest() {
    WebhookConfig config = config("--webhook-breaker-open", "10m");
    assertThat(config.breakerOpenDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.breakerMaxOpenDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.breakerFailureThreshold()).isEqualTo(5);
  }

  @Test
  void inFlightAndSecretOverlapFlags() {
    WebhookConfig config = config("--webhook-max-in-flight", "32", "--webhook-secret-overlap", "1h");
    assertThat(config.maxInFlight()).isEqualTo(32);
    assertThat(config.secretOverlap()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void environmentSetsBreakerFlagsToo() {
    WebhookConfig config = options(Map.of("THREADHOOK_WEBHOOK_BREAKER_FAILURES", "9")).toConfig();
    assertThat(config.breakerFailureThreshold()).isEqualTo(9);
  }

  @Test
  void settingsAtOddsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> config("--webhook-breaker-failures", "0"))
        .hasMessageContaining("breakerFailureThreshold must be at least 1");
    assertThatThrownBy(() -> config("--webhook-breaker-open", "1m", "--webhook-breaker-max-open", "10s"))
        .hasMessageContaining("breakerMaxOpenDuration must be at least breakerOpenDuration");
  }

  private static WebhookConfig config(String... args) {
    return options(Map.of(), args).toConfig();
  }

  private static WebhookOptions options(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine.ParseResult result = ThreadhookCommand.commandLine(env).parseArgs(all);
    return ((ServeCommand) result.subcommand().commandSpec().userObject()).webhooks;
  }
}
