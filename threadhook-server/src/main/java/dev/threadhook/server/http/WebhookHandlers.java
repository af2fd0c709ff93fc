package dev.threadhook.server.http;

import dev.threadhook.api.WebhookAttempt;
import dev.threadhook.api.WebhookDelivery;
import dev.threadhook.api.WebhookDeliveryStatus;
import dev.threadhook.api.WebhookState;
import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.api.Page;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.Principal;
import dev.threadhook.server.webhooks.AttemptRecord;
import dev.threadhook.server.webhooks.DeliveryRecord;
import dev.threadhook.server.webhooks.DeliveryState;
import dev.threadhook.server.webhooks.HookState;
import dev.threadhook.server.webhooks.WebhookDeliveries;
import dev.threadhook.server.webhooks.WebhookSettings;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Operating an organization's webhook: its state, its secret, its deliveries and redelivery. */
final class WebhookHandlers {
  private static final String STATUSES = "pending, delivered, failed, in_flight, retry_scheduled";

  private final Authenticator auth;
  private final WebhookSettings settings;
  private final WebhookDeliveries deliveries;

  WebhookHandlers(
      Authenticator auth, WebhookSettings settings, WebhookDeliveries deliveries) {
    this.auth = auth;
    this.settings = settings;
    this.deliveries = deliveries;
  }

  void state(Context ctx) {
    answerState(ctx, settings::state);
  }

  /** No body needed: answers the state with the new secret, the only time it is sent unasked. */
  void rotateSecret(Context ctx) {
    answerState(ctx, settings::rotateSecret);
  }

  /** No body needed: answers the hook's state, paused. */
  void pause(Context ctx) {
    answerState(ctx, settings::pause);
  }

  /** No body needed: answers the hook's state, active again. */
  void resume(Context ctx) {
    answerState(ctx, settings::resume);
  }

  /** Does {@code action} as the request's principal and answers the hook's state after it. */
  private void answerState(Context ctx, Function<Principal, HookState> action) {
    ctx.json(hook(action.apply(auth.principal(ctx))));
  }

  /** {@code ?status=&threadId=&cursor=&limit=}: newest first. */
  void deliveries(Context ctx) {
    Principal p = auth.principal(ctx);
    Set<DeliveryState> states = states(ctx.queryParam("status"));
    Long threadId = ReadHandlers.optionalId(ctx, "threadId");
    Long cursor = ReadHandlers.optionalId(ctx, "cursor");
    int limit = ReadHandlers.limit(ctx);
    List<DeliveryRecord> found = deliveries.list(
        p, states, threadId, cursor == null ? Long.MAX_VALUE : cursor, limit + 1);
    boolean more = found.size() > limit;
    List<WebhookDelivery> items =
        found.stream().limit(limit).map(d -> delivery(d, List.of())).toList();
    String next = more ? Long.toString(items.get(items.size() - 1).id()) : null;
    ctx.json(new Page<>(items, next));
  }

  void delivery(Context ctx) {
    Principal p = auth.principal(ctx);
    WebhookDeliveries.Detail detail =
        deliveries.get(p, ReadHandlers.pathIdOf(ctx, "id", "webhook delivery"));
    ctx.json(delivery(detail.delivery(), detail.attempts()));
  }

  void redeliver(Context ctx) {
    Principal p = auth.principal(ctx);
    long id = ReadHandlers.pathIdOf(ctx, "id", "webhook delivery");
    ctx.json(delivery(deliveries.redeliver(p, id), List.of()));
  }

  /** {@code {"since": epochMillis}}: every delivery that failed for good since then, again. */
  void redeliverFailed(Context ctx) {
    Principal p = auth.principal(ctx);
    RequestBody body = RequestBody.read(ctx, BotApiHandlers.MAX_BODY_BYTES);
    JsonNode since = body.node("since");
    if (since == null) {
      throw DomainException.invalid("since is required: epoch milliseconds from which failed"
          + " deliveries are sent again");
    }
    if (!since.isIntegralNumber() || !since.canConvertToLong() || since.longValue() < 0) {
      throw DomainException.invalid(
          "since must be epoch milliseconds (an integer, 0 or more) but was " + since);
    }
    ctx.json(Map.of("redelivered", deliveries.redeliverFailed(p, since.longValue())));
  }

  private static Set<DeliveryState> states(String status) {
    if (status == null || status.isEmpty()) return null;
    return switch (status) {
      case "pending" -> EnumSet.of(
          DeliveryState.PENDING, DeliveryState.IN_FLIGHT, DeliveryState.RETRY_SCHEDULED);
      case "delivered" -> EnumSet.of(DeliveryState.DELIVERED);
      case "failed" -> EnumSet.of(DeliveryState.FAILED);
      case "in_flight" -> EnumSet.of(DeliveryState.IN_FLIGHT);
      case "retry_scheduled" -> EnumSet.of(DeliveryState.RETRY_SCHEDULED);
      default -> throw DomainException.invalid(
          "status must be one of " + STATUSES + " but was '" + status + "'");
    };
  }

  private static WebhookState hook(HookState s) {
    return new WebhookState(s.organizationId(), s.url(), s.secret(), s.previousSecretExpiresAt(),
        s.active(), s.disabledReason(), s.disabledAt(), s.pendingDeliveries(),
        s.failedDeliveries(), s.oldestPendingAt(), s.oldestPendingAgeMillis(),
        s.lastSuccessAt(), s.lastErrorAt(), s.lastError());
  }

  private static WebhookDelivery delivery(DeliveryRecord d, List<AttemptRecord> attempts) {
    return new WebhookDelivery(d.id(), d.webhookId(), d.threadId(), d.messageId(), d.sequence(),
        WebhookDeliveryStatus.fromWireName(d.state().status()).orElseThrow(), d.state().dbName(), d.attempts(),
        d.state().isFinal() ? null : d.nextAttemptAt(), d.createdAt(), d.deliveredAt(),
        d.failedAt(), d.lastAttemptAt(), d.lastResponseStatus(), d.lastError(),
        attempts.stream().map(a -> new WebhookAttempt(a.attempt(), a.startedAt(),
            a.durationMillis(), a.responseStatus(), a.responseBody(), a.error(), a.url()))
            .toList());
  }
}
