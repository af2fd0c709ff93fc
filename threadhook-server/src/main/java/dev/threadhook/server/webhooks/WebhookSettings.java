package dev.threadhook.server.webhooks;

import dev.threadhook.server.Clock;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.Principal;
import dev.threadhook.server.accounts.Secrets;
import dev.threadhook.server.accounts.UserKind;
import java.time.Duration;

/**
 * An organization's hook: where every message of its customer threads is POSTed, the secret they
 * are signed with, and how the hook is doing. Admins and bots only: a bot sets its own hook.
 */
public final class WebhookSettings {
  private final HookStore hooks;
  private final DeliveryStore deliveries;
  private final Secrets secrets;
  private final Clock clock;
  private final Duration secretOverlap;
  private final boolean allowPrivate;
  private final Runnable wakeDispatcher;

  WebhookSettings(HookStore hooks, DeliveryStore deliveries, Secrets secrets, Clock clock,
      Duration secretOverlap, boolean allowPrivate, Runnable wakeDispatcher) {
    this.hooks = hooks;
    this.deliveries = deliveries;
    this.secrets = secrets;
    this.clock = clock;
    this.secretOverlap = secretOverlap;
    this.allowPrivate = allowPrivate;
    this.wakeDispatcher = wakeDispatcher;
  }

  /**
   * Sets the hook URL, or removes it when {@code url} is null or empty. Deliveries not yet made
   * are kept either way: they go to the URL set now, or to the next one when it was removed.
   * Setting a URL also re-enables a hook that a 410 disabled.
   */
  public String updateUrl(Principal principal, String url) {
    requireAdminOrBot(principal, "change the hook url");
    String stored = (url == null || url.isBlank()) ? null : HookUrlPolicy.checkSyntax(url);
    if (stored != null && !allowPrivate) HookUrlPolicy.refuseForbiddenLiteral(stored);
    hooks.setUrl(principal.organizationId(), stored);
    wakeDispatcher.run();
    return stored;
  }

  public HookState state(Principal principal) {
    requireAdminOrBot(principal, "read the hook's state");
    return state(principal.organizationId());
  }

  /**
   * Replaces the signing secret with a new one, returned here. The old one signs alongside it
   * (two signatures in {@code webhook-signature}) for the overlap (24 hours), so receivers can
   * switch without rejecting anything.
   */
  public HookState rotateSecret(Principal principal) {
    requireAdminOrBot(principal, "rotate the webhook secret");
    long now = clock.millis();
    hooks.rotateSecret(principal.organizationId(), secrets.newWebhookSecret(),
        now + secretOverlap.toMillis());
    return state(principal.organizationId());
  }

  private HookState state(long organizationId) {
    HookStore.Hook hook = hooks.hook(organizationId).orElseThrow(
        () -> DomainException.notFound("organization " + organizationId + " does not exist"));
    long now = clock.millis();
    DeliveryStore.Backlog backlog = deliveries.backlog(organizationId);
    String disabledReason = hook.url() == null
        ? "no hook url is set; messages are not queued until one is"
        : hook.disabledReason();
    Long previousExpires = hook.previousSecretExpiresAt() != null
        && hook.previousSecretExpiresAt() > now ? hook.previousSecretExpiresAt() : null;
    return new HookState(organizationId, hook.url(), hook.secret(), previousExpires,
        hook.url() != null && hook.disabledAt() == null, disabledReason, hook.disabledAt(),
        backlog.unsettled(), backlog.failed(), backlog.oldestUnsettledAt(),
        backlog.oldestUnsettledAt() == null ? null : Math.max(0, now - backlog.oldestUnsettledAt()),
        hook.lastSuccessAt(),
        hook.lastErrorAt(), hook.lastError());
  }

  static void requireAdminOrBot(Principal principal, String action) {
    if (!principal.isAdmin() && principal.kind() != UserKind.BOT) {
      throw DomainException.forbidden("only an admin's or a bot's token may " + action);
    }
  }
}
