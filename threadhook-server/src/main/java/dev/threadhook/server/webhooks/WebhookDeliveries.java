package dev.threadhook.server.webhooks;

import dev.threadhook.server.Clock;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.Principal;
import java.util.List;
import java.util.Set;

/** An organization's deliveries as operators see them, and redelivery. Admins and bots only. */
public final class WebhookDeliveries {
  private final DeliveryStore store;
  private final Clock clock;
  private final Runnable wakeDispatcher;

  WebhookDeliveries(DeliveryStore store, Clock clock, Runnable wakeDispatcher) {
    this.store = store;
    this.clock = clock;
    this.wakeDispatcher = wakeDispatcher;
  }

  /** A delivery with every attempt, oldest first. */
  public record Detail(DeliveryRecord delivery, List<AttemptRecord> attempts) {}

  /**
   * Deliveries newest first, below {@code beforeId}.
   *
   * @param states the states to list, or null for all
   * @param threadId one thread's, or null for all
   */
  public List<DeliveryRecord> list(Principal principal, Set<DeliveryState> states, Long threadId,
      long beforeId, int limit) {
    WebhookSettings.requireAdminOrBot(principal, "read webhook deliveries");
    return store.list(principal.organizationId(), states, threadId, beforeId, limit);
  }

  public Detail get(Principal principal, long deliveryId) {
    WebhookSettings.requireAdminOrBot(principal, "read webhook deliveries");
    DeliveryRecord delivery = find(principal, deliveryId);
    return new Detail(delivery, store.attempts(delivery.id()));
  }

  /**
   * Sends a delivery again, now, with the same {@code webhook-id} and a fresh retry schedule.
   * It goes out in its thread's order: later unsettled messages of the thread wait for it.
   */
  public DeliveryRecord redeliver(Principal principal, long deliveryId) {
    WebhookSettings.requireAdminOrBot(principal, "redeliver webhooks");
    DeliveryRecord delivery;
    try {
      delivery = store.redeliver(principal.organizationId(), deliveryId, clock.millis())
          .orElseThrow(() -> notFound(deliveryId));
    } catch (IllegalStateException inFlight) {
      throw new DomainException(DomainException.Reason.CONFLICT, "delivery_in_flight",
          "delivery " + deliveryId + " is being attempted right now; redeliver it once that"
              + " attempt has ended");
    }
    wakeDispatcher.run();
    return delivery;
  }

  /** Sends again every delivery that failed for good at or after {@code since} (epoch ms). */
  public int redeliverFailed(Principal principal, long since) {
    WebhookSettings.requireAdminOrBot(principal, "redeliver webhooks");
    int count = store.redeliverFailed(principal.organizationId(), since, clock.millis());
    if (count > 0) wakeDispatcher.run();
    return count;
  }

  private DeliveryRecord find(Principal principal, long deliveryId) {
    // Another organization's delivery gets the same answer as one that does not exist.
    return store.find(principal.organizationId(), deliveryId)
        .orElseThrow(() -> notFound(deliveryId));
  }

  private static DomainException notFound(long deliveryId) {
    return DomainException.notFound("webhook delivery " + deliveryId + " does not exist");
  }
}
