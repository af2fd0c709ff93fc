package dev.threadhook.bot;

import dev.threadhook.api.WebhookMessage;

/**
 * What a bot does with one message. It may block (it runs on a virtual thread) and may throw:
 * the webhook is then answered 500, so the server delivers it again later.
 */
@FunctionalInterface
public interface MessageHandler {
  void handle(WebhookMessage message, Reply reply) throws Exception;
}
