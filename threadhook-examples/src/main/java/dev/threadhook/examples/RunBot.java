package dev.threadhook.examples;

import dev.threadhook.bot.Bot;
import java.util.Arrays;

/**
 * {@code examples/run-bot echo|helpdesk [options]}: starts an example bot and runs it until the
 * process is stopped (Ctrl-C), then shuts it down cleanly.
 */
public final class RunBot {
  private RunBot() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println("usage: run-bot echo|helpdesk [options]\n" + BotSettings.usage());
      return;
    }
    BotSettings settings;
    try {
      settings = BotSettings.parse(Arrays.copyOfRange(args, 1, args.length), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("run-bot: " + e.getMessage() + "\n\n" + BotSettings.usage());
      System.exit(2);
      return;
    }
    AutoCloseable running;
    Bot bot;
    try {
      switch (args[0]) {
        case "echo" -> {
          bot = EchoBot.start(settings);
          running = bot;
        }
        case "helpdesk" -> {
          HelpDeskBot helpDesk = HelpDeskBot.start(settings);
          bot = helpDesk.bot();
          running = helpDesk;
        }
        default -> {
          System.err.println("run-bot: unknown bot '" + args[0] + "'; choose echo or helpdesk");
          System.exit(2);
          return;
        }
      }
    } catch (RuntimeException e) {
      // The bot says what went wrong and what to set; a stack trace would only bury that.
      System.err.println("run-bot: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.printf("%s bot listening on port %d%s%n", args[0], bot.port(),
        settings.hookUrl() == null ? "" : ", hook URL set to " + settings.hookUrl());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        System.err.println("run-bot: shutdown failed: " + e);
      }
    }, "bot-shutdown"));
    bot.awaitShutdown();
  }
}
