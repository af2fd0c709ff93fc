package dev.threadhook.examples;

import dev.threadhook.bot.Bot;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Where an example bot finds its server, token, secret and port: flags first, then environment
 * variables, then defaults that suit a server started locally with {@code ./threadhook serve --demo}.
 *
 * @param secret null to read it from the server ({@code GET /api/webhook})
 * @param hookUrl the URL the bot registers as the organization's hook at start, null for none
 */
public record BotSettings(
    String server, String token, String secret, int port, String bind, String hookUrl) {

  /** The environment variable each option falls back to. */
  private static final Map<String, String> ENVIRONMENT = Map.of(
      "--server", "THREADHOOK_URL",
      "--token", "THREADHOOK_TOKEN",
      "--secret", "THREADHOOK_WEBHOOK_SECRET",
      "--port", "BOT_PORT",
      "--bind", "BOT_BIND",
      "--public-url", "BOT_PUBLIC_URL");

  @Command(name = "run-bot echo|helpdesk", sortOptions = false,
      description = "Each option is also read from the environment variable in brackets.")
  static final class Options {
    @Option(names = "--server", defaultValue = "http://localhost:8080", paramLabel = "URL",
        description = "Threadhook server [THREADHOOK_URL] (default ${DEFAULT-VALUE})")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "the bot's API token [THREADHOOK_TOKEN] (required)")
    String token;

    @Option(names = "--secret", paramLabel = "SECRET",
        description = "webhook signing secret, whsec_… [THREADHOOK_WEBHOOK_SECRET] "
            + "(default: read from the server's GET /api/webhook)")
    String secret;

    // A string, so a bad value gets this class's own message rather than picocli's.
    @Option(names = "--port", defaultValue = "8081", paramLabel = "PORT",
        description = "port the bot listens on [BOT_PORT] (default ${DEFAULT-VALUE})")
    String port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
        description = "address the bot listens on [BOT_BIND] (default ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--public-url", paramLabel = "URL",
        description = "URL the server reaches the bot at, registered as the hook URL at start "
            + "[BOT_PUBLIC_URL] (default http://localhost:PORT/)")
    String publicUrl;

    @Option(names = "--no-register", description = "leave the organization's hook URL as it is")
    boolean noRegister;
  }

  /** The options' help text. */
  public static String usage() {
    return new CommandLine(new Options()).getUsageMessage();
  }

  /**
   * Reads flags and environment.
   *
   * @throws IllegalArgumentException saying what is missing or wrong
   */
  public static BotSettings parse(String[] args, Map<String, String> env) {
    Options options = new Options();
    CommandLine commandLine = new CommandLine(options).setDefaultValueProvider(arg -> {
      String variable = arg instanceof OptionSpec option
          ? ENVIRONMENT.get(option.longestName()) : null;
      return variable == null ? null : env.get(variable);
    });
    try {
      commandLine.parseArgs(args);
    } catch (CommandLine.MissingParameterException e) {
      // The only missing parameters there can be are options' values.
      throw new IllegalArgumentException(
          ((OptionSpec) e.getMissing().get(0)).longestName() + " needs a value");
    } catch (CommandLine.UnmatchedArgumentException e) {
      throw new IllegalArgumentException("unknown option '" + e.getUnmatched().get(0) + "'");
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    if (options.token == null || options.token.isBlank()) {
      throw new IllegalArgumentException(
          "the bot's token is required: --token TOKEN or THREADHOOK_TOKEN");
    }
    int port;
    try {
      port = Integer.parseInt(options.port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number but was '" + options.port + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535 but was " + port);
    }
    String hookUrl = options.noRegister ? null
        : options.publicUrl != null && !options.publicUrl.isBlank() ? options.publicUrl
        : "http://localhost:" + port + "/";
    return new BotSettings(options.server, options.token, blankToNull(options.secret), port,
        options.bind, hookUrl);
  }

  /** A bot builder with these settings applied; add handlers and start it on {@link #port()}. */
  public Bot.Builder builder() {
    Bot.Builder builder = Bot.builder().server(server).token(token).bind(bind);
    if (secret != null) builder.secret(secret);
    if (hookUrl != null) builder.registerHookUrl(hookUrl);
    return builder;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
