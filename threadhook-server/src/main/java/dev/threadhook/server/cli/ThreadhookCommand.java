package dev.threadhook.server.cli;

import dev.threadhook.server.webhooks.Durations;
import dev.threadhook.server.webhooks.RetrySchedule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code threadhook}: the server and its administration from the command line. */
@Command(
    name = "threadhook",
    mixinStandardHelpOptions = true,
    versionProvider = ThreadhookCommand.Version.class,
    description = "A self-hostable customer-messaging backend serving the Instaply Bot API.")
public final class ThreadhookCommand implements Runnable {
  private static final String SERVE = "serve";

  public static void main(String[] args) {
    // A server's start builds only its own command: building every command's model took 60 of
    // the 250 ms picocli adds to a start (measured).
    String only = args.length > 0 && args[0].equals(SERVE) ? SERVE : null;
    System.exit(commandLine(System.getenv(), only).execute(args));
  }

  /** The command line with its defaults read from {@code environment}. */
  public static CommandLine commandLine(Map<String, String> environment) {
    return commandLine(environment, null);
  }

  /** The same with only the subcommand named {@code only}, or with all when it is null. */
  static CommandLine commandLine(Map<String, String> environment, String only) {
    CommandLine commandLine = new CommandLine(new ThreadhookCommand());
    Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
    subcommands.put(SERVE, ServeCommand::new);
    subcommands.put("admin", AdminCommand::new);
    subcommands.put("customer", CustomerCommand::new);
    subcommands.put("thread", ThreadCommand::new);
    subcommands.put("help", CommandLine.HelpCommand::new);
    subcommands.put("train-class-data", ClassDataTrainingCommand::new);
    subcommands.forEach((name, command) -> {
      if (only == null || only.equals(name)) commandLine.addSubcommand(name, command.get());
    });
    // Converters and defaults reach the subcommands added before them.
    return commandLine
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
