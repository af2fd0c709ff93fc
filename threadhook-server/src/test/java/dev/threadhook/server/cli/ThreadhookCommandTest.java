package dev.threadhook.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code threadhook serve} builds only its own command; what it parses and shows is the same. */
class ThreadhookCommandTest {
  private static final Map<String, String> ENV = Map.of("THREADHOOK_WEBHOOK_LEASE", "90s");

  @Test
  void everyCommandIsThereWhenNoneIsNamed() {
    assertThat(ThreadhookCommand.commandLine(ENV).getSubcommands().keySet())
        .containsExactly("serve", "admin", "customer", "thread", "help", "train-class-data");
  }

  @Test
  void theBuildsTrainingRunIsHiddenFromTheUsage() {
    assertThat(ThreadhookCommand.commandLine(ENV).getUsageMessage(CommandLine.Help.Ansi.OFF))
        .contains("serve", "admin")
        .doesNotContain("train-class-data");
  }

  @Test
  void serveAloneParsesFlagsEnvironmentAndConvertersAsTheWholeTreeDoes() {
    String[] args = {"serve", "--port", "9091", "--webhook-retry-schedule", "1s,2m"};

    ServeCommand alone = serve(ThreadhookCommand.commandLine(ENV, "serve"), args);
    ServeCommand whole = serve(ThreadhookCommand.commandLine(ENV), args);

    assertThat(alone.port).isEqualTo(whole.port).isEqualTo(9091);
    assertThat(alone.webhooks.toConfig()).isEqualTo(whole.webhooks.toConfig());
    assertThat(alone.webhooks.toConfig().lease()).isEqualTo(Duration.ofSeconds(90));
    assertThat(alone.webhooks.toConfig().retrySchedule().delays())
        .containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(2));
  }

  @Test
  void serveAloneShowsTheSameHelp() {
    assertThat(ThreadhookCommand.commandLine(ENV, "serve").getSubcommands().keySet())
        .containsExactly("serve");
    assertThat(usage(ThreadhookCommand.commandLine(ENV, "serve")))
        .isEqualTo(usage(ThreadhookCommand.commandLine(ENV)))
        .startsWith("Usage: threadhook serve");
  }

  private static ServeCommand serve(CommandLine commandLine, String... args) {
    return (ServeCommand) commandLine.parseArgs(args).subcommand().commandSpec().userObject();
  }

  private static String usage(CommandLine commandLine) {
    return commandLine.getSubcommands().get("serve").getUsageMessage(CommandLine.Help.Ansi.OFF);
  }
}
