package dev.threadhook.server.webhooks;

import dev.threadhook.api.WebhookMessage;
import dev.threadhook.server.storage.Dialect;
import dev.threadhook.server.storage.PlainJdbc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox: a message's delivery row is written in the message's own
 * transaction, so a committed message always has its delivery and a rolled-back one never does.
 *
 * <p>A delivery queued behind an unsettled one of its thread is written without a due time: it
 * waits, out of every claim's sight, until the one before it settles and hands it one
 * ({@link DeliveryStore#completeAll}). On PostgreSQL both sides hold the thread's row lock (the
 * writer from appending the message, the settling side by taking it), so the hand-over cannot
 * be missed; on H2 the settling side takes none, and this node's dispatcher hands the thread
 * over again once the writer has committed ({@link DeliveryStore#locksSettlingThreads}).
 *
 * <p>A delivery that is due at once — the head of its thread — is taken by this node as it is
 * written when its hook has room here: the row is written in flight, leased to this node, as a
 * claim would have left it, and its attempt starts when the transaction commits. That saves the
 * claim (a dispatcher turn, its statements and, on H2, its commit) for what live traffic
 * mostly is, and a node that dies before attempting it leaves a lease that ends like any other.
 * Deliveries the node has no room for are left due, for a claim by any node.
 */
public final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  /** The PostgreSQL channel on which a node tells the others that deliveries are due. */
  static final String CHANNEL = "threadhook_webhooks";

  private static final String ENQUEUE =
      "INSERT INTO webhook_deliveries (organization_id, thread_id, message_id, sequence, status,"
          + " attempts, schedule_step, next_attempt_at, lease_owner, last_attempt_at, created_at,"
          + " unsettled_thread_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)";

  private static final String HOOKS =
      "SELECT id, webhook_url, webhook_disabled_at, webhook_secret, webhook_previous_secret,"
          + " webhook_previous_secret_expires FROM organizations"
          + " WHERE id = ANY(?) AND webhook_url IS NOT NULL";

  /**
   * The threads with an unsettled delivery other than the given ones, which are those whose
   * hook has answered this node 2xx and whose outcome is not recorded yet
   * ({@link Intake#answered}).
   */
  private static final String THREADS_WITH_UNSETTLED =
      "SELECT t.id FROM customer_threads t WHERE t.id = ANY(?) AND EXISTS"
          + " (SELECT 1 FROM webhook_deliveries d WHERE d.unsettled_thread_id = t.id"
          + " AND d.id <> ALL(?))";

  /** This node's side of the outbox: takes due deliveries as they are written, or claims them. */
  interface Intake {
    /**
     * Reserves this node's room for an attempt of a due delivery to the hook at {@code url};
     * false leaves the delivery due, for a claim.
     */
    boolean reserve(long organizationId, String url, long now);

    /** Gives back a reservation whose transaction rolled back. */
    void unreserve(long organizationId, String url);

    /**
     * The transaction committed: starts the attempts of the deliveries taken, looks for the due
     * deliveries of {@code organizationsDue} that were not, and, where settling takes no thread
     * locks, hands over again the threads in which deliveries were {@code queuedBehind}
     * unsettled ones, if a delivery of theirs settled since {@code lookedInTurn}.
     */
    void committed(List<ClaimedDelivery> taken, Set<Long> organizationsDue,
        Set<Long> queuedBehind, long lookedInTurn);

    /**
     * Deliveries of {@code threads} that this node's attempts delivered (the hook answered 2xx)
     * and whose outcome its dispatcher has not recorded yet: they are unsettled in the database
     * only until its next turn commits, and hold back nothing, since the hook has them.
     */
    List<Long> answered(List<Long> threads);

    /** The dispatcher's turn under way, read before looking for unsettled deliveries. */
    long turn();

    /** This node's name, the owner of the leases it takes. */
    String node();

    /** When a lease taken at {@code now} ends. */
    long leaseUntil(long now);
  }

  private final Dialect dialect;
  private final Intake intake;

  Outbox(Dialect dialect, Intake intake) {
    this.dialect = dialect;
    this.intake = intake;
  }

  /**
   * A message to deliver.
   *
   * @param sequence the message's place in its thread
   * @param payload the webhook's body, as the reference defines it
   */
  public record Delivery(long sequence, WebhookMessage payload) {
    long organizationId() {
      return payload.businessId();
    }

    long threadId() {
      return payload.customerThreadId();
    }
  }

  /** A delivery to write: due now or queued behind its thread's, and taken by this node or not. */
  private record Queued(Delivery delivery, boolean due, boolean taken) {}

  /** An organization's hook as a delivery written now needs it. */
  private record Hook(String url, boolean enabled, List<String> secrets) {}

  /**
   * Queues the deliveries of messages whose organization has a hook URL, in list order, with one
   * JDBC batch (one round trip to PostgreSQL for a whole group commit). The transaction must
   * hold the row locks of the messages' threads.
   */
  public void enqueueAll(Handle transaction, List<Delivery> deliveries, long now) {
    if (deliveries.isEmpty()) return;
    Map<Long, Hook> hooks = hooks(transaction,
        deliveries.stream().map(Delivery::organizationId).distinct().toList(), now);
    if (hooks.isEmpty()) return;
    long lookedInTurn = intake.turn();
    List<Long> threads = deliveries.stream().map(Delivery::threadId).distinct().toList();
    // Asked before the database is read: one recorded (and forgotten) in between is settled in
    // what the read sees.
    List<Long> answered = intake.answered(threads);
    Set<Long> behind = new HashSet<>(PlainJdbc.query(transaction, THREADS_WITH_UNSETTLED, s -> {
      PlainJdbc.setIds(s, 1, threads);
      PlainJdbc.setIds(s, 2, answered);
    }, rs -> rs.getLong(1)));
    long leaseUntil = intake.leaseUntil(now);
    List<Queued> queued = new ArrayList<>(deliveries.size());
    Set<Long> organizationsDue = new HashSet<>();
    Set<Long> queuedBehind = new HashSet<>();
    for (Delivery d : deliveries) {
      Hook hook = hooks.get(d.organizationId());
      if (hook == null) continue;
      // The first of a thread with nothing unsettled is due now, and so is one behind only
      // deliveries the hook has answered: it has those, so sending this one keeps the thread's
      // order. Every later one waits its turn. One due but not taken waits for a claim, whose
      // guard holds it back until the answered ones are recorded.
      boolean due = behind.add(d.threadId());
      boolean take = due && hook.enabled() && intake.reserve(d.organizationId(), hook.url(), now);
      if (due && !take) organizationsDue.add(d.organizationId());
      if (!due) queuedBehind.add(d.threadId());
      queued.add(new Queued(d, due, take));
    }
    if (queued.isEmpty()) return;
    transaction.afterRollback(() -> {
      for (Queued q : queued) {
        if (q.taken()) {
          intake.unreserve(q.delivery().organizationId(),
              hooks.get(q.delivery().organizationId()).url());
        }
      }
    });
    String node = intake.node();
    List<Long> ids = PlainJdbc.insertReturningIds(transaction, ENQUEUE, queued, (s, q) -> {
      Delivery d = q.delivery();
      s.setLong(1, d.organizationId());
      s.setLong(2, d.threadId());
      s.setLong(3, d.payload().messageId());
      s.setLong(4, d.sequence());
      s.setString(5, q.taken() ? "in_flight" : "pending");
      s.setInt(6, q.taken() ? 1 : 0);
      PlainJdbc.setLong(s, 7, q.taken() ? (Long) leaseUntil : q.due() ? (Long) now : null);
      PlainJdbc.setString(s, 8, q.taken() ? node : null);
      PlainJdbc.setLong(s, 9, q.taken() ? (Long) now : null);
      s.setLong(10, now);
      s.setLong(11, d.threadId());
    });
    List<ClaimedDelivery> attempts = new ArrayList<>();
    for (int i = 0; i < queued.size(); i++) {
      if (!queued.get(i).taken()) continue;
      Delivery d = queued.get(i).delivery();
      Hook hook = hooks.get(d.organizationId());
      attempts.add(new ClaimedDelivery(ids.get(i), d.organizationId(), d.threadId(),
          d.sequence(), 1, 0, now, hook.url(), hook.secrets(), d.payload()));
    }
    transaction.afterCommit(() -> {
      // The messages are committed whatever happens here: a failure must not reach the writer,
      // which would take it for its transaction's. The leases taken end and are claimed then.
      try {
        intake.committed(attempts, organizationsDue, queuedBehind, lookedInTurn);
      } catch (RuntimeException e) {
        log.error("webhooks: could not start the attempts of deliveries just written; they are"
            + " claimed when their leases end", e);
      }
    });
    if (!organizationsDue.isEmpty()) notifyNodes(transaction, dialect);
  }

  private static Map<Long, Hook> hooks(Handle transaction, List<Long> organizations, long now) {
    Map<Long, Hook> hooks = new HashMap<>();
    for (Map.Entry<Long, Hook> hook : PlainJdbc.queryByIds(transaction, HOOKS, organizations,
        rs -> Map.entry(rs.getLong(1), new Hook(rs.getString(2), rs.getObject(3) == null,
            ClaimedDelivery.signingSecrets(rs.getString(4), rs.getString(5),
                rs.getObject(6, Long.class), now))))) {
      hooks.put(hook.getKey(), hook.getValue());
    }
    return hooks;
  }

  /**
   * Wakes every node's dispatcher once the transaction commits. PostgreSQL delivers a NOTIFY at
   * commit and drops it on rollback, which is exactly the outbox's rule; on H2 (one node) the
   * in-process wake-up is enough.
   */
  static void notifyNodes(Handle transaction, Dialect dialect) {
    if (dialect == Dialect.POSTGRESQL) PlainJdbc.execute(transaction, "NOTIFY " + CHANNEL);
  }
}
