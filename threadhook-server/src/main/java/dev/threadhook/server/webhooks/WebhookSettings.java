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
  /** Why a paused hook sends nothing, as its state says. */
  static final String PAUSED = "paused through the API; POST /api/webhook/resume sends what"
      + " queued meanwhile, in order";

  private final HookStore hooks;
  private final DeliveryStore deliveries;
  private final Secrets secrets;
  private final Clock clock;
  private final Duration secretOverlap;
  private final boolean allowPrivate;
  private final EndpointGates gates;
  private final Runnable wakeDispatcher;

  WebhookSettings(HookStore hooks, DeliveryStore deliveries, Secrets secrets, Clock clock,
      Duration secretOverlap, boolean allowPrivate, EndpointGates gates,
      Runnable wakeDispatcher) {
    this.hooks = hooks;
    this.deliveries = deliveries;
    this.secrets = secrets;
    this.clock = clock;
    this.secretOverlap = secretOverlap;
    this.allowPrivate = allowPrivate;
    this.gates = gates;
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

  /**
   * Pauses the hook: messages keep being queued for it, in order, and none is sent until
   * {@link #resume}. An attempt already under way ends as it would have; the deliveries this node
   * holds for the hook go back unattempted (another node's few end like attempts under way).
   * Pausing a hook that is paused (or disabled by a 410) changes nothing; a hook with no URL has
   * nothing to pause.
   */
  public HookState pause(Principal principal) {
    requireAdminOrBot(principal, "pause the webhook");
    long organizationId = principal.organizationId();
    if (!hooks.pause(organizationId, clock.millis(), PAUSED)) requireUrl(organizationId, "pause");
    gates.hold(organizationId);
    return state(organizationId);
  }

  /**
   * Resumes a paused hook, or one a 410 disabled: what was queued meanwhile is delivered, each
   * thread in order, as fast as the hook takes it.
   */
  public HookState resume(Principal principal) {
    requireAdminOrBot(principal, "resume the webhook");
    long organizationId = principal.organizationId();
    if (!hooks.resume(organizationId)) requireUrl(organizationId, "resume");
    wakeDispatcher.run();
    return state(organizationId);
  }

  private void requireUrl(long organizationId, String action) {
    HookStore.Hook hook = hooks.hook(organizationId).orElseThrow(
        () -> DomainException.notFound("organization " + organizationId + " does not exist"));
    if (hook.url() == null) {
      throw new DomainException(DomainException.Reason.CONFLICT, "no_hook_url",
          "no hook url is set, so there is nothing to " + action
              + "; set one with POST /api/update-hook-url");
    }
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
