package dev.threadhook.server.cli;

import dev.threadhook.server.webhooks.Durations;
import dev.threadhook.server.webhooks.RetrySchedule;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code threadhook}: the server and its administration from the command line. */
@Command(
    name = "threadhook",
    mixinStandardHelpOptions = true,
    versionProvider = ThreadhookCommand.Version.class,
    description = "A self-hostable customer-messaging backend serving the Instaply Bot API.",
    subcommands = {
      ServeCommand.class, AdminCommand.class, CustomerCommand.class, ThreadCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ThreadhookCommand implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** The command line with its defaults read from {@code environment}. */
  public static CommandLine commandLine(java.util.Map<String, String> environment) {
    return new CommandLine(new ThreadhookCommand())
        .registerConverter(Duration.class, Durations::parse)
        .registerConverter(RetrySchedule.class, RetrySchedule::parse)
        .setDefaultValueProvider(new EnvironmentDefaults(environment))
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"threadhook " + version()};
    }
  }

  /** This build's version, from the jar's manifest ("dev" when run from classes). */
  public static String version() {
    return dev.threadhook.server.ThreadhookServer.version();
  }
}
