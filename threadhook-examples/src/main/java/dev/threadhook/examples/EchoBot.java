package dev.threadhook.examples;

import dev.threadhook.bot.Bot;

/**
 * The smallest bot: answers every customer message with its text.
 *
 * <p>Run it with {@code examples/run-bot echo --token TOKEN} (see {@link BotSettings#USAGE}).
 */
public final class EchoBot {
  private EchoBot() {}

  /** Starts the echo bot with {@code settings}. */
  public static Bot start(BotSettings settings) {
    return settings.builder()
        .onCustomerMessage((message, reply) -> reply.send("You said: " + message.messageBody()))
        .start(settings.port());
  }

  public static void main(String[] args) throws InterruptedException {
    RunBot.main(prepend("echo", args));
  }

  static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
