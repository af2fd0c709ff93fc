package dev.threadhook.bot;

import dev.threadhook.api.CustomerThread;
import dev.threadhook.api.Message;
import dev.threadhook.api.SendMessageRequest;
import dev.threadhook.api.ThreadStatus;
import dev.threadhook.api.WebhookMessage;
import dev.threadhook.client.InvalidRequestException;
import dev.threadhook.client.ThreadhookClient;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers in the thread a webhook came from.
 *
 * <p>The n-th send of a handler carries the {@code Idempotency-Key} {@code <webhook-id>/reply-n},
 * so when a delivery is retried after the handler had already sent (the bot crashed before
 * answering the webhook, say), the server does not post the reply twice.
 */
public final class Reply {
  private static final String KEY_REUSED = "idempotency_key_reused";

  private final ThreadhookClient client;
  private final WebhookMessage message;
  private final String webhookId;
  private final AtomicInteger sends = new AtomicInteger();

  Reply(ThreadhookClient client, WebhookMessage message, String webhookId) {
    this.client = client;
    this.message = message;
    this.webhookId = webhookId;
  }

  /** The thread the message is in. */
  public long threadId() {
    return message.customerThreadId();
  }

  /** The delivery's {@code webhook-id}, the same on every retry of it. */
  public String webhookId() {
    return webhookId;
  }

  /**
   * Posts {@code text} in the thread's public part, seen by the customer.
   *
   * @return the message posted; null when the server gave none back, or when an earlier attempt
   *     at this delivery already posted its n-th reply with another text (the handler is not
   *     deterministic), which is then not posted again
   */
  public Message send(String text) {
    return send(text, false);
  }

  /** Posts {@code text} in the thread's invisible part, for employees only. */
  public Message sendInternalNote(String text) {
    return send(text, true);
  }

  /** Sets the thread's status. */
  public CustomerThread setStatus(ThreadStatus status) {
    return client.updateThreadStatus(threadId(), status);
  }

  /** The client, for everything else (reading the thread's messages, other threads…). */
  public ThreadhookClient client() {
    return client;
  }

  private Message send(String text, boolean internal) {
    String key = webhookId + "/reply-" + sends.incrementAndGet();
    try {
      return client.send(new SendMessageRequest(text, threadId(), internal), key);
    } catch (InvalidRequestException e) {
      if (KEY_REUSED.equals(e.errorCode())) return null;
      throw e;
    }
  }
}
