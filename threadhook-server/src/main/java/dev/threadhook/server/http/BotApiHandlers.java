package dev.threadhook.server.http;

import dev.threadhook.api.ThreadStatus;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.Principal;
import dev.threadhook.server.conversations.ConversationService;
import dev.threadhook.server.conversations.StoredMessage;
import dev.threadhook.server.webhooks.WebhookSettings;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The three calls of the Instaply Bot API, exactly as its reference documents them. */
final class BotApiHandlers {
  static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  private final Authenticator auth;
  private final ConversationService conversations;
  private final WebhookSettings webhooks;

  BotApiHandlers(
      Authenticator auth, ConversationService conversations, WebhookSettings webhooks) {
    this.auth = auth;
    this.conversations = conversations;
    this.webhooks = webhooks;
  }

  /** {@code {"text", "customerThreadId", "internal"}}: 200 with the created message. */
  void sendMessage(Context ctx) {
    Principal principal = auth.principalForWrite(ctx);
    RequestBody body = RequestBody.read(ctx, MAX_BODY_BYTES);
    String text = body.string("text");
    long threadId = body.id("customerThreadId");
    boolean internal = body.optionalBoolean("internal", false);
    StoredMessage message = conversations.send(
        principal, threadId, text, internal, idempotencyKey(ctx));
    ctx.json(Views.message(message));
  }

  /** {@code {"status", "customerThreadId"}}: 200 with the thread as it now is. */
  void updateThreadStatus(Context ctx) {
    Principal principal = auth.principal(ctx);
    RequestBody body = RequestBody.read(ctx, MAX_BODY_BYTES);
    String wireStatus = body.string("status");
    ThreadStatus status = ThreadStatus.fromWireName(wireStatus).orElseThrow(
        () -> DomainException.invalid(
            "status must be one of waiting, replied, resolved but was '" + wireStatus + "'"));
    long threadId = body.id("customerThreadId");
    ctx.json(Views.thread(conversations.updateStatus(principal, threadId, status)));
  }

  /** {@code {"url"}}: sets the organization's hook URL; null or "" removes it. */
  void updateHookUrl(Context ctx) {
    Principal principal = auth.principal(ctx);
    RequestBody body = RequestBody.read(ctx, MAX_BODY_BYTES);
    if (!body.has("url")) {
      throw DomainException.invalid("url is required (null or \"\" removes the hook)");
    }
    String url = webhooks.updateUrl(principal, body.optionalString("url"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("url", url);
    answer.put("businessId", principal.organizationId());
    ctx.json(answer);
  }

  private static String idempotencyKey(Context ctx) {
    String key = ctx.header("Idempotency-Key");
    if (key == null) return null;
    if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw DomainException.invalid("Idempotency-Key must be 1 to "
          + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
    }
    return key;
  }
}
