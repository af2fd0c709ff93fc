package dev.threadhook.examples;

import dev.threadhook.bot.Bot;
import java.util.Map;

/**
 * Where an example bot finds its server, token, secret and port: flags first, then environment
 * variables, then defaults that suit a server started locally with {@code ./threadhook serve --demo}.
 *
 * @param secret null to read it from the server ({@code GET /api/webhook})
 * @param hookUrl the URL the bot registers as the organization's hook at start, null for none
 */
public record BotSettings(
    String server, String token, String secret, int port, String bind, String hookUrl) {

  public static final String USAGE = """
      options (each also read from the environment variable in brackets):
        --server URL        Threadhook server [THREADHOOK_URL] (default http://localhost:8080)
        --token TOKEN       the bot's API token [THREADHOOK_TOKEN] (required)
        --secret SECRET     webhook signing secret, whsec_… [THREADHOOK_WEBHOOK_SECRET]
                            (default: read from the server's GET /api/webhook)
        --port PORT         port the bot listens on [BOT_PORT] (default 8081)
        --bind ADDRESS      address the bot listens on [BOT_BIND] (default 0.0.0.0)
        --public-url URL    URL the server reaches the bot at, registered as the hook URL at
                            start [BOT_PUBLIC_URL] (default http://localhost:PORT/)
        --no-register       leave the organization's hook URL as it is
      """;

  /**
   * Reads flags and environment.
   *
   * @throws IllegalArgumentException saying what is missing or wrong
   */
  public static BotSettings parse(String[] args, Map<String, String> env) {
    String server = env.getOrDefault("THREADHOOK_URL", "http://localhost:8080");
    String token = env.get("THREADHOOK_TOKEN");
    String secret = env.get("THREADHOOK_WEBHOOK_SECRET");
    String port = env.getOrDefault("BOT_PORT", "8081");
    String bind = env.getOrDefault("BOT_BIND", "0.0.0.0");
    String publicUrl = env.get("BOT_PUBLIC_URL");
    boolean register = true;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--no-register" -> register = false;
        case "--server" -> server = value(args, ++i, flag);
        case "--token" -> token = value(args, ++i, flag);
        case "--secret" -> secret = value(args, ++i, flag);
        case "--port" -> port = value(args, ++i, flag);
        case "--bind" -> bind = value(args, ++i, flag);
        case "--public-url" -> publicUrl = value(args, ++i, flag);
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "the bot's token is required: --token TOKEN or THREADHOOK_TOKEN");
    }
    int portNumber;
    try {
      portNumber = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port must be a number but was '" + port + "'");
    }
    if (portNumber < 0 || portNumber > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535 but was " + portNumber);
    }
    String hookUrl = !register ? null
        : publicUrl != null && !publicUrl.isBlank() ? publicUrl
        : "http://localhost:" + portNumber + "/";
    return new BotSettings(server, token, blankToNull(secret), portNumber, bind, hookUrl);
  }

  /** A bot builder with these settings applied; add handlers and start it on {@link #port()}. */
  public Bot.Builder builder() {
    Bot.Builder builder = Bot.builder().server(server).token(token).bind(bind);
    if (secret != null) builder.secret(secret);
    if (hookUrl != null) builder.registerHookUrl(hookUrl);
    return builder;
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
