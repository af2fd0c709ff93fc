package dev.threadhook.server.webhooks;

import dev.threadhook.api.WebhookMessage;
import dev.threadhook.server.storage.Dialect;
import dev.threadhook.server.storage.PlainJdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Webhook deliveries and their attempts in the database: claims, outcomes and what operators read. */
final class DeliveryStore {
  /** Not settled: these hold back the later messages of their thread. */
  static final String UNSETTLED = "('pending', 'in_flight', 'retry_scheduled')";
  private static final int MAX_ERROR_LENGTH = 1000;
  /** What a claim sets: in flight for this node until the lease ends, one more attempt. */
  private static final String TAKEN = "status = 'in_flight', lease_owner = ?,"
      + " next_attempt_at = ?, attempts = attempts + 1, last_attempt_at = ?";

  /**
   * Due deliveries whose thread has no earlier unsettled one, oldest due first. Only the heads of
   * threads are due (a delivery queued behind another has no due time until that one settles, see
   * {@link Outbox}), so this reads the heads and never the backlog behind them. One table only, so
   * the best plan (the due index, in order, stopping at the limit) does not hang on the planner's
   * statistics of a young database; the NOT EXISTS guard keeps the order when a redelivery makes an
   * older delivery of a thread due again. An in-flight row is due when its lease has ended. Read
   * without locks: the candidates this node admits are taken next. Hooks this node has no room for
   * are left out by the caller (the array parameter), so one busy hook's heads do not fill every
   * claim. Lists are bound as arrays, so the statements' text — and H2's parsed plan of it — is the
   * same on every claim.
   */
  static final String CANDIDATES =
      "SELECT d.id, d.organization_id FROM webhook_deliveries d"
          // Only heads have a due time; the lower bound keeps the index range to them.
          + " WHERE d.next_attempt_at >= 0 AND d.next_attempt_at <= ?"
          + " AND d.status IN " + UNSETTLED
          + " AND d.organization_id <> ALL(?)"
          + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e"
          + "  WHERE e.unsettled_thread_id = d.thread_id AND e.sequence < d.sequence)"
          + " ORDER BY d.next_attempt_at, d.id LIMIT ?";

  /**
   * Takes the admitted candidates that are still due ({@link #TAKE_AND_READ_POSTGRESQL} returns
   * what it took): only what is taken is locked. On PostgreSQL, SKIP LOCKED lets several nodes
   * claim at once without waiting on each other; a row another node is claiming is simply left
   * to it, and one it claimed since is no longer due.
   */
  private static final String TAKE_ADMITTED_POSTGRESQL =
      "UPDATE webhook_deliveries SET " + TAKEN + " WHERE id IN (SELECT id FROM webhook_deliveries"
          + " WHERE id = ANY(?) AND status IN " + UNSETTLED
          + " AND next_attempt_at >= 0 AND next_attempt_at <= ? FOR UPDATE SKIP LOCKED)";

  /**
   * The same on H2, where one process has the database and so one dispatcher claims: no row is
   * locked first, since an H2 lock is itself a write of the row (measured under send load:
   * locking took 0.35 ms of a claim's 1.6 ms, as long as the update after it). A row another
   * transaction holds (an operator's redelivery) is waited for, then checked again.
   */
  private static final String TAKE_ADMITTED_H2 =
      "SELECT id FROM FINAL TABLE (UPDATE webhook_deliveries SET " + TAKEN
          + " WHERE id = ANY(?) AND status IN " + UNSETTLED
          + " AND next_attempt_at >= 0 AND next_attempt_at <= ?)";

  /**
   * A dispatcher turn's commit does not wait for PostgreSQL's WAL flush (0.35 ms of a 0.46 ms
   * commit on the benchmark machine). What a turn writes — claims, outcomes, the attempt log —
   * is lost only if PostgreSQL itself crashes within its WAL writer's delay (at most 0.6 s by
   * default), and then exactly as if the turn had not happened: its deliveries are due again and
   * sent again, which at-least-once delivery allows (same {@code webhook-id}). A message's own
   * transaction still waits for the flush, and its flush makes durable every turn committed
   * before it, so no acknowledged message depends on a turn that could be lost.
   * {@code true}: for this transaction only.
   */
  private static final String COMMIT_WITHOUT_FLUSH =
      "SELECT set_config('synchronous_commit', 'off', true)";

  /** Both planner settings (and the commit's) in one round trip, for this transaction only. */
  private static final String PLANNER_OFF = "SELECT set_config('enable_bitmapscan', 'off', true),"
      + " set_config('enable_sort', 'off', true), set_config('synchronous_commit', 'off', true)";
  private static final String PLANNER_ON = "SELECT set_config('enable_bitmapscan', 'on', true),"
      + " set_config('enable_sort', 'on', true)";

  /** The hooks of the candidates' organizations, where they have one they may be sent to. */
  private static final String HOOKS = "SELECT id, webhook_url FROM organizations WHERE id = ANY(?)"
      + " AND webhook_url IS NOT NULL AND webhook_disabled_at IS NULL";

  /**
   * What an attempt needs besides the delivery's own columns, read from the deliveries of
   * {@code deliveries} (as {@code d}): the hook's secrets and the message's payload.
   */
  private static String withPayloads(String deliveries) {
    return " o.webhook_secret, o.webhook_previous_secret,"
        + " o.webhook_previous_secret_expires, t.customer_id, m.created_at AS message_created_at,"
        + " m.from_customer, m.user_id, m.body, m.invisible, m.external_id, m.attachment_uuid,"
        + " a.name AS a_name, a.content_type AS a_content_type,"
        + " a.content_length AS a_content_length"
        + " FROM " + deliveries + " d JOIN organizations o ON o.id = d.organization_id"
        + " JOIN messages m ON m.id = d.message_id"
        + " JOIN customer_threads t ON t.id = d.thread_id"
        + " LEFT JOIN attachments a ON a.uuid = m.attachment_uuid";
  }

  private static final String CLAIMED =
      "SELECT d.id, d.organization_id, d.thread_id, d.sequence, d.message_id, d.attempts,"
          + " d.schedule_step, COALESCE(d.requeued_at, d.created_at) AS queued_at,"
          + withPayloads("webhook_deliveries")
          + " WHERE d.id = ANY(?) ORDER BY d.next_attempt_at, d.id";

  /**
   * On PostgreSQL, {@link #TAKE_ADMITTED_POSTGRESQL} and the payloads of what it took in one
   * statement, so one round trip: on a busy machine each cost 0.24–0.67 ms (docs/benchmarks.md,
   * profile 45). In the candidates' order (the admitted ids' array, bound twice).
   */
  private static final String TAKE_AND_READ_POSTGRESQL =
      "WITH d AS (" + TAKE_ADMITTED_POSTGRESQL
          + " RETURNING id, organization_id, thread_id, sequence, message_id, attempts,"
          + " schedule_step, COALESCE(requeued_at, created_at) AS queued_at)"
          + " SELECT d.id, d.organization_id, d.thread_id, d.sequence, d.message_id, d.attempts,"
          + " d.schedule_step, d.queued_at," + withPayloads("d")
          + " ORDER BY array_position(?::bigint[], d.id)";

  /**
   * On PostgreSQL, hands each settled thread over to its next delivery, if that one waits, in
   * one statement that also takes it straight into flight for this node where the thread's
   * delivery was just delivered and its hook has room here (the thread's URL given; NULL hands
   * over only). A taken delivery goes out from the turn that settled the one before it, without
   * a claim: its row is updated once, not once to be due and again to be claimed (three updates
   * of each delivery's row, each writing every index, were most of a drain's PostgreSQL work:
   * docs/benchmarks.md, profile 44). Taken only where the organization's hook is still that URL
   * and not disabled; otherwise made due, for a claim, as {@link #HAND_OVER} does. Returns the
   * deliveries taken, with their payloads (the last statement of
   * {@link #RECORD_AND_HAND_OVER_POSTGRESQL}). The statement's CTEs see one snapshot; an update
   * re-checks its own row's due time, so a row an operator requeued meanwhile is left as it is.
   * Parameters: the threads and their URLs (arrays), the node, the lease's end, now (twice).
   */
  private static final String HAND_OVER_ONWARD =
      "WITH heads AS (SELECT h.id, (o.webhook_url = t.url AND o.webhook_disabled_at IS NULL)"
          + "  IS TRUE AS onward"
          + " FROM unnest(?::bigint[], ?::varchar[]) AS t(thread_id, url)"
          + " CROSS JOIN LATERAL (SELECT w.id, w.organization_id, w.next_attempt_at"
          + "  FROM webhook_deliveries w WHERE w.unsettled_thread_id = t.thread_id"
          + "  ORDER BY w.unsettled_thread_id, w.sequence LIMIT 1) h"
          + " JOIN organizations o ON o.id = h.organization_id"
          + " WHERE h.next_attempt_at IS NULL),"
          + " taken AS (UPDATE webhook_deliveries w SET " + TAKEN
          + "  FROM heads WHERE w.id = heads.id AND heads.onward AND w.next_attempt_at IS NULL"
          + "  RETURNING w.id, w.organization_id, w.thread_id, w.sequence, w.message_id,"
          + "  w.attempts, w.schedule_step, COALESCE(w.requeued_at, w.created_at) AS queued_at),"
          + " made_due AS (UPDATE webhook_deliveries w SET next_attempt_at = ?"
          + "  FROM heads WHERE w.id = heads.id AND NOT heads.onward"
          + "  AND w.next_attempt_at IS NULL)"
          + " SELECT d.id, d.organization_id, d.thread_id, d.sequence, d.message_id, d.attempts,"
          + " d.schedule_step, d.queued_at," + withPayloads("taken");

  private static final String DELIVERY_COLUMNS =
      "id, organization_id, thread_id, message_id, sequence, status, attempts, next_attempt_at,"
          + " created_at, delivered_at, failed_at, last_attempt_at, last_response_status,"
          + " last_error";

  /** Most often an organization's last success is written: it is for humans. */
  private static final long LAST_SUCCESS_EVERY_MILLIS = 1000;

  private final Jdbi jdbi;
  private final Dialect dialect;
  /**
   * Per organization, the last success this node wrote. A turn with nothing newer by a second
   * sends no statement: one a turn was a round trip each, 4 % of a PostgreSQL drain's turns
   * for a handful of rows (docs/benchmarks.md, profile 45). A turn that rolls back leaves it a
   * second ahead at most.
   */
  private final Map<Long, Long> lastSuccessWritten = new ConcurrentHashMap<>();

  DeliveryStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  /** Says whether this node takes a candidate: it has room for the organization's hook. */
  interface Admission {
    boolean admit(long deliveryId, long organizationId, String url);

    /** An admitted candidate was not taken after all (another node had it). */
    void withdraw(long deliveryId);

    /**
     * The organization of candidates has no hook to deliver to (none set, or disabled after a
     * 410): its deliveries wait, and the caller may leave them out of the next claims.
     */
    void withoutHook(long organizationId);

    /**
     * Says whether this node takes, straight into flight, the next delivery of a thread whose
     * delivery to the organization's hook at {@code url} was just delivered (where settling
     * hands over onward, {@link #handsOverOnward}): it has room for the hook. Asked before it is
     * known whether the thread has a next delivery waiting.
     */
    boolean admitNext(long organizationId, String url);

    /** A next delivery admitted was not taken: none waited, or the hook changed. */
    void withdrawNext(long organizationId, String url);
  }

  /**
   * One turn of the dispatcher in one transaction — one commit: records the attempts that ended,
   * handing their threads over, and claims what is due.
   *
   * <p>The order is the database's. On PostgreSQL recording locks the settling threads' rows
   * ({@link #locksSettlingThreads}), which writers queueing messages to those threads wait for,
   * so the turn claims first and records last: those locks are held only from the end of the
   * turn to its commit (writers waiting on them through the claim's reads had been a third of
   * PostgreSQL's active samples under send load); the heads handed over are claimed by the next
   * turn. On H2 it records first and claims the heads it just handed over in the same turn: there
   * every commit writes a chunk of the database file, and the extra turn per hand-over cost more
   * than the writers' wait (docs/benchmarks.md).
   *
   * @param queuedBehind threads in which writers queued deliveries behind unsettled ones, to hand
   *     over again where settling takes no thread locks ({@link #locksSettlingThreads})
   * @param limit most deliveries to claim; 0 claims none
   */
  Cycle cycle(String node, List<Settlement> settlements, Set<Long> queuedBehind, long now,
      long leaseUntil, int limit, Set<Long> excluded, Admission admission) {
    return jdbi.inTransaction(h -> {
      // A claiming turn says so with its planner settings; one that only records, here.
      if (dialect == Dialect.POSTGRESQL && limit <= 0) PlainJdbc.execute(h, COMMIT_WITHOUT_FLUSH);
      boolean lock = locksSettlingThreads();
      Onward onward = handsOverOnward() ? new Onward(admission, now, leaseUntil) : null;
      Recorded recorded = new Recorded(List.of(), List.of());
      int handedOver = 0;
      if (!claimsFirst()) {
        if (!settlements.isEmpty()) recorded = completeAll(h, node, settlements, lock, onward);
        handedOver = handOverAll(h, queuedBehind, now);
      }
      List<ClaimedDelivery> claimed = limit <= 0 ? List.of()
          : claim(h, node, now, leaseUntil, limit, excluded, admission);
      if (claimsFirst()) {
        if (!settlements.isEmpty()) recorded = completeAll(h, node, settlements, lock, onward);
        handedOver = handOverAll(h, queuedBehind, now);
      }
      return new Cycle(recorded.owned(), claimed, recorded.takenNext(), handedOver);
    });
  }

  /** Whether a turn claims before it records (and so claims handed-over heads next turn). */
  boolean claimsFirst() {
    return dialect == Dialect.POSTGRESQL;
  }

  /**
   * Whether recording a settled delivery takes its thread's row lock, so that a writer queueing
   * a delivery behind it at the same moment cannot be missed by its hand-over: on PostgreSQL,
   * where the writer may be on another node. H2 has one node, and there the lock was a write: H2
   * locks a row by writing it into its page, as an update does, and once more at commit, so
   * every settling thread's page was written twice per turn (in a drain, 321–424 µs of the
   * server's CPU per delivery with the lock, 300–321 µs without: docs/benchmarks.md, profile
   * 31). There a writer that queued deliveries behind unsettled ones tells this node's
   * dispatcher once it has committed ({@link Outbox.Intake#committed}), and the dispatcher's
   * next turn hands over again those of its threads that a turn settled a delivery of since the
   * writer looked: that turn's hand-over may have missed the writer's delivery, the next one,
   * after both commits, cannot.
   */
  boolean locksSettlingThreads() {
    return dialect == Dialect.POSTGRESQL;
  }

  /**
   * Whether a turn takes the next delivery of a thread it settles straight into flight, where
   * its hook has room ({@link #HAND_OVER_ONWARD}): on PostgreSQL, where each update of a
   * delivery's row is a new version of it and an entry in each of its indexes. On H2 a turn
   * records first and claims the heads it handed over in the same transaction, so their rows'
   * pages are already changed when the claim updates them again.
   */
  boolean handsOverOnward() {
    return dialect == Dialect.POSTGRESQL;
  }

  /**
   * What a {@link #cycle} recorded (per settlement, whether the lease was still held), claimed,
   * took straight into flight as the next deliveries of the threads it settled, and how many
   * deliveries of the threads queued behind it made due.
   */
  record Cycle(List<Boolean> owned, List<ClaimedDelivery> claimed,
      List<ClaimedDelivery> takenNext, int handedOver) {}

  /**
   * What recording a turn's settlements did: per settlement, whether the lease was held; and
   * the next deliveries of settled threads taken into flight.
   */
  private record Recorded(List<Boolean> owned, List<ClaimedDelivery> takenNext) {}

  /** Who admits the next deliveries of settled threads, the turn's time and their lease's end. */
  private record Onward(Admission admission, long now, long leaseUntil) {}

  /**
   * Claims due deliveries for {@code node} until {@code leaseUntil}: marks them in flight,
   * counts their attempt, and returns them with their payloads.
   *
   * @param excluded organizations this node takes nothing for now (busy or paused hooks)
   * @param admission asked for each candidate, in order; refused ones stay as they were
   */
  private List<ClaimedDelivery> claim(Handle h, String node, long now, long leaseUntil, int limit,
      Set<Long> excluded, Admission admission) {
    // The claim's best plan walks the due index in order and stops at the limit. A young or
    // fast-changing table's statistics (before autovacuum analyzes it) make PostgreSQL collect
    // and sort every due row instead — 4.4 ms against 0.7 ms with 1,000 due heads, measured — so
    // this query is told not to. The settings go in the same round trip as the query they are
    // for: on a busy machine a round trip of their own cost as much (docs/benchmarks.md,
    // profile 45).
    boolean postgres = dialect == Dialect.POSTGRESQL;
    PlainJdbc.Parameters candidatesParameters = s -> {
      s.setLong(1, now);
      PlainJdbc.setIds(s, 2, excluded);
      s.setInt(3, limit);
    };
    PlainJdbc.RowReader<long[]> idAndOrganization = rs -> new long[] {rs.getLong(1), rs.getLong(2)};
    List<long[]> candidates = postgres
        ? PlainJdbc.queryAfter(h, PLANNER_OFF, CANDIDATES, candidatesParameters, idAndOrganization)
        : PlainJdbc.query(h, CANDIDATES, candidatesParameters, idAndOrganization);
    // Only that query: the statements by id after it (this turn's recording too) would
    // otherwise walk the due index to avoid sorting a few rows (6 ms instead of 0.1 ms with
    // 10,000 due rows, measured).
    if (candidates.isEmpty()) {
      if (postgres) PlainJdbc.execute(h, PLANNER_ON);
      return List.of();
    }
    Set<Long> organizations = candidates.stream().map(c -> c[1])
        .collect(Collectors.toCollection(LinkedHashSet::new));
    PlainJdbc.Parameters hooksParameters = s -> PlainJdbc.setIds(s, 1, organizations);
    PlainJdbc.RowReader<Map.Entry<Long, String>> hook =
        rs -> Map.entry(rs.getLong(1), rs.getString(2));
    Map<Long, String> urls = new HashMap<>();
    for (Map.Entry<Long, String> url : postgres
        ? PlainJdbc.queryAfter(h, PLANNER_ON, HOOKS, hooksParameters, hook)
        : PlainJdbc.query(h, HOOKS, hooksParameters, hook)) {
      urls.put(url.getKey(), url.getValue());
    }
    for (Long organization : organizations) {
      if (!urls.containsKey(organization)) admission.withoutHook(organization);
    }
    List<Long> admitted = new ArrayList<>();
    for (long[] candidate : candidates) {
      String url = urls.get(candidate[1]);
      if (url != null && admission.admit(candidate[0], candidate[1], url)) {
        admitted.add(candidate[0]);
      }
    }
    if (admitted.isEmpty()) return List.of();
    PlainJdbc.Parameters takeParameters = s -> {
      s.setString(1, node);
      s.setLong(2, leaseUntil);
      s.setLong(3, now);
      PlainJdbc.setIds(s, 4, admitted);
      s.setLong(5, now);
      if (postgres) PlainJdbc.setIds(s, 6, admitted);
    };
    // The URL admitted is the one the attempt uses, even if it changed since: the gate's
    // slot was taken for that URL.
    PlainJdbc.RowReader<ClaimedDelivery> claimedRow =
        rs -> claimed(rs, now, urls.get(rs.getLong("organization_id")));
    List<ClaimedDelivery> claimed;
    if (postgres) {
      claimed = PlainJdbc.query(h, TAKE_AND_READ_POSTGRESQL, takeParameters, claimedRow);
    } else {
      Set<Long> taken = new HashSet<>(
          PlainJdbc.query(h, TAKE_ADMITTED_H2, takeParameters, rs -> rs.getLong(1)));
      List<Long> takenInOrder = admitted.stream().filter(taken::contains).toList();
      claimed = takenInOrder.isEmpty() ? List.of()
          : PlainJdbc.queryByIds(h, CLAIMED, takenInOrder, claimedRow);
    }
    Set<Long> taken = claimed.stream().map(ClaimedDelivery::id).collect(Collectors.toSet());
    for (Long id : admitted) {
      if (!taken.contains(id)) admission.withdraw(id);
    }
    return claimed;
  }

  private static ClaimedDelivery claimed(ResultSet rs, long now, String url) throws SQLException {
    List<String> secrets = ClaimedDelivery.signingSecrets(rs.getString("webhook_secret"),
        rs.getString("webhook_previous_secret"),
        rs.getObject("webhook_previous_secret_expires", Long.class), now);
    String attachmentUuid = rs.getString("attachment_uuid");
    WebhookMessage payload = new WebhookMessage(
        Long.toString(rs.getLong("customer_id")),
        rs.getLong("thread_id"),
        rs.getLong("message_created_at"),
        rs.getObject("user_id", Long.class),
        rs.getLong("message_id"),
        rs.getString("body"),
        rs.getLong("organization_id"),
        attachmentUuid == null ? null : rs.getString("a_name"),
        attachmentUuid == null ? null : rs.getString("a_content_type"),
        attachmentUuid,
        attachmentUuid == null ? null : rs.getLong("a_content_length"),
        rs.getBoolean("from_customer"),
        rs.getString("external_id"),
        rs.getBoolean("invisible"),
        WebhookMessage.PROSPECT);
    return new ClaimedDelivery(rs.getLong("id"), rs.getLong("organization_id"),
        rs.getLong("thread_id"), rs.getLong("sequence"), rs.getInt("attempts"),
        rs.getInt("schedule_step"), rs.getLong("queued_at"), url,
        secrets, payload);
  }

  /** What the dispatcher decided after an attempt. */
  sealed interface Outcome {
    /** The hook answered 2xx. */
    record Delivered() implements Outcome {}

    /** Try again at {@code at}; {@code scheduleStep} failures so far. */
    record RetryAt(long at, int scheduleStep) implements Outcome {}

    /** The schedule is exhausted. */
    record Failed(int scheduleStep) implements Outcome {}

    /** 410 Gone: the hook is disabled, and the delivery waits for a new URL. */
    record Gone(String reason) implements Outcome {}

    /** Not attempted after all (its hook paused while it waited): due again, uncounted. */
    record HandedBack() implements Outcome {}
  }

  /**
   * An attempt that was made, and what the dispatcher decided after it.
   *
   * @param result null when the delivery was {@link Outcome.HandedBack} unattempted
   */
  record Settlement(ClaimedDelivery delivery, AttemptResult result, Outcome outcome, long now) {
    boolean attempted() {
      return !(outcome instanceof Outcome.HandedBack);
    }

    /** Whether the delivery leaves the thread's way: the next one of its thread becomes due. */
    boolean settles() {
      return outcome instanceof Outcome.Delivered || outcome instanceof Outcome.Failed;
    }
  }

  private static final String RECORD_ATTEMPT =
      "INSERT INTO webhook_attempts (delivery_id, attempt, node, url, started_at, duration_ms,"
          + " response_status, response_body, error)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** One statement for every outcome, so a batch of them is one JDBC batch. */
  private static final String SETTLE =
      "UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?,"
          + " schedule_step = COALESCE(?, schedule_step), delivered_at = ?,"
          + " failed_at = ?, lease_owner = NULL, last_response_status = ?, last_error = ?,"
          + " unsettled_thread_id = CASE WHEN ? THEN NULL ELSE thread_id END"
          + " WHERE id = ? AND status = 'in_flight' AND lease_owner = ? AND attempts = ?";

  private static final String LOCK_THREADS =
      "SELECT id FROM customer_threads WHERE id = ANY(?) ORDER BY id FOR UPDATE";

  /**
   * On PostgreSQL, a turn's recording in one round trip ({@link PlainJdbc#runAll}), where it
   * was four: the settling threads' locks, the attempts, the outcomes (returning the deliveries
   * whose lease was still held) and the hand-overs ({@link #HAND_OVER_ONWARD}), each statement
   * seeing what the ones before it wrote. Rows are bound as arrays, one per column, so the text
   * is the same every turn. A thread whose settlement lost its lease is handed over too: its
   * first unsettled delivery is then the one another node holds, not a waiting one, so nothing
   * changes.
   */
  private static final List<String> RECORD_AND_HAND_OVER_POSTGRESQL = List.of(
      LOCK_THREADS,
      "INSERT INTO webhook_attempts (delivery_id, attempt, node, url, started_at, duration_ms,"
          + " response_status, response_body, error)"
          + " SELECT a.delivery_id, a.attempt, ?, a.url, a.started_at, a.duration_ms,"
          + " a.response_status, a.response_body, a.error"
          + " FROM unnest(?::bigint[], ?::int[], ?::varchar[], ?::bigint[], ?::bigint[],"
          + " ?::int[], ?::varchar[], ?::varchar[]) AS a(delivery_id, attempt, url, started_at,"
          + " duration_ms, response_status, response_body, error)",
      "UPDATE webhook_deliveries d SET status = o.status, next_attempt_at = o.next_attempt_at,"
          + " schedule_step = COALESCE(o.schedule_step, d.schedule_step),"
          + " delivered_at = o.delivered_at, failed_at = o.failed_at, lease_owner = NULL,"
          + " last_response_status = o.response_status, last_error = o.last_error,"
          + " unsettled_thread_id = CASE WHEN o.settles THEN NULL ELSE d.thread_id END"
          + " FROM unnest(?::bigint[], ?::int[], ?::varchar[], ?::bigint[], ?::int[],"
          + " ?::bigint[], ?::bigint[], ?::int[], ?::varchar[], ?::boolean[]) AS o(id, attempt,"
          + " status, next_attempt_at, schedule_step, delivered_at, failed_at, response_status,"
          + " last_error, settles)"
          + " WHERE d.id = o.id AND d.status = 'in_flight' AND d.lease_owner = ?"
          + " AND d.attempts = o.attempt RETURNING d.id",
      HAND_OVER_ONWARD);

  private static final String HAND_BACK =
      "UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?,"
          + " attempts = attempts - 1, lease_owner = NULL"
          + " WHERE id = ? AND status = 'in_flight' AND lease_owner = ? AND attempts = ?";

  /**
   * Gives the thread's first unsettled delivery its due time if it is waiting. When the first is
   * due or out already (a redelivered older one, say), nothing changes: that one hands over when
   * it settles. Reads one index entry, however long the thread's backlog: the ORDER BY names both
   * columns of the index because H2 reads an index in order only for an ORDER BY that starts with
   * the index's first column; ordered by sequence alone it read and sorted the thread's whole
   * backlog, twice per hand-over (a fifth of the dispatcher's samples in a drain, profile 29).
   * Parameters: the due time, then the thread twice.
   */
  static final String HAND_OVER =
      "UPDATE webhook_deliveries SET next_attempt_at = ?"
          + " WHERE unsettled_thread_id = ? AND next_attempt_at IS NULL"
          + " AND sequence = (SELECT w.sequence FROM webhook_deliveries w"
          + "  WHERE w.unsettled_thread_id = ?"
          + "  ORDER BY w.unsettled_thread_id, w.sequence LIMIT 1)";

  /**
   * Records attempts and, for each delivery {@code node} still holds the lease of, its outcome —
   * all in one transaction, which also hands each settled thread over to its next delivery.
   *
   * @return per settlement, false when the lease was lost (another node took the delivery
   *     over; its attempt decides); the attempt is recorded anyway, since it happened
   */
  List<Boolean> completeAll(String node, List<Settlement> settlements) {
    return jdbi.inTransaction(
        h -> completeAll(h, node, settlements, locksSettlingThreads(), null).owned());
  }

  /** @param onward where not null, settled threads' next deliveries it admits are taken */
  private Recorded completeAll(Handle h, String node, List<Settlement> settlements,
      boolean lockThreads, Onward onward) {
    // The threads' row locks, in id order as every writer takes them: a message being queued
    // behind a delivery settling here either committed first (and is handed over below) or
    // waits, then sees the delivery settled and is queued due. Without them (H2), see
    // locksSettlingThreads.
    List<Long> settlingThreads = settlements.stream().filter(Settlement::settles)
        .map(st -> st.delivery().threadId()).distinct().sorted().toList();
    List<Settlement> attempted = new ArrayList<>(settlements.size());
    List<Settlement> handedBack = new ArrayList<>();
    for (Settlement st : settlements) (st.attempted() ? attempted : handedBack).add(st);
    // Per settled thread, its hook where its next delivery may go straight out.
    Map<Long, ClaimedDelivery> onwardTo = new LinkedHashMap<>();
    Written written;
    if (onward != null && !attempted.isEmpty()) {
      for (Settlement st : attempted) {
        if (st.outcome() instanceof Outcome.Delivered
            && !onwardTo.containsKey(st.delivery().threadId())
            && onward.admission().admitNext(st.delivery().organizationId(),
                st.delivery().url())) {
          onwardTo.put(st.delivery().threadId(), st.delivery());
        }
      }
      // Onward is PostgreSQL's, where the script takes the threads' locks.
      written = writeInOneRoundTrip(h, node, settlingThreads, attempted, onwardTo, onward);
    } else {
      written = writeInBatches(h, node, settlingThreads, attempted, lockThreads);
    }
    int[] settled = written.settled();
    List<ClaimedDelivery> takenNext = written.takenNext();
    int[] unclaimed = handedBack.isEmpty() ? new int[0]
        : PlainJdbc.batch(h, HAND_BACK, handedBack, (s, st) -> {
          ClaimedDelivery d = st.delivery();
          s.setString(1, d.attempt() == 1 ? "pending" : "retry_scheduled");
          s.setLong(2, st.now());
          s.setLong(3, d.id());
          s.setString(4, node);
          s.setInt(5, d.attempt());
        });
    int[] updated = new int[settlements.size()];
    for (int i = 0, a = 0, b = 0; i < settlements.size(); i++) {
      updated[i] = settlements.get(i).attempted() ? settled[a++] : unclaimed[b++];
    }

    List<Boolean> owned = new ArrayList<>(settlements.size());
    Map<Long, Long> lastSuccess = new TreeMap<>();
    Map<Long, Settlement> lastFailure = new TreeMap<>();
    Map<Long, Long> handOvers = new LinkedHashMap<>();
    for (int i = 0; i < settlements.size(); i++) {
      Settlement st = settlements.get(i);
      boolean held = updated[i] != 0;
      owned.add(held);
      if (!held || !st.attempted()) continue;
      long org = st.delivery().organizationId();
      if (st.result().succeeded()) lastSuccess.put(org, st.now());
      else lastFailure.put(org, st);
      if (st.settles()) handOvers.putIfAbsent(st.delivery().threadId(), st.now());
    }
    if (onward != null) {
      Set<Long> continued = takenNext.stream().map(ClaimedDelivery::threadId)
          .collect(Collectors.toSet());
      for (ClaimedDelivery before : onwardTo.values()) {
        if (!continued.contains(before.threadId())) {
          onward.admission().withdrawNext(before.organizationId(), before.url());
        }
      }
    } else if (!handOvers.isEmpty()) {
      handOver(h, handOvers);
    }
    // Organizations in id order, so two nodes settling at once never wait on each other in a
    // circle. At most one write a second per organization for the last success: it is for
    // humans. The statement's own guard keeps that across nodes.
    lastSuccess.entrySet().removeIf(success -> success.getValue()
        < lastSuccessWritten.getOrDefault(success.getKey(), Long.MIN_VALUE)
            + LAST_SUCCESS_EVERY_MILLIS);
    if (!lastSuccess.isEmpty()) {
      PlainJdbc.batch(h, "UPDATE organizations SET webhook_last_success_at = ? WHERE id = ?"
              + " AND (webhook_last_success_at IS NULL OR webhook_last_success_at < ?)",
          List.copyOf(lastSuccess.entrySet()), (s, success) -> {
            s.setLong(1, success.getValue());
            s.setLong(2, success.getKey());
            s.setLong(3, success.getValue() - LAST_SUCCESS_EVERY_MILLIS);
          });
      lastSuccess.forEach(lastSuccessWritten::put);
    }
    for (Settlement st : lastFailure.values()) {
      h.createUpdate("UPDATE organizations SET webhook_last_error_at = :now,"
              + " webhook_last_error = :error WHERE id = :org")
          .bind("now", st.now()).bind("error", truncate(st.result().describe()))
          .bind("org", st.delivery().organizationId())
          .execute();
    }
    for (int i = 0; i < settlements.size(); i++) {
      Settlement st = settlements.get(i);
      if (owned.get(i) && st.outcome() instanceof Outcome.Gone gone) {
        h.createUpdate("UPDATE organizations SET webhook_disabled_at = :now,"
                + " webhook_disabled_reason = :reason WHERE id = :org AND webhook_url = :url"
                + " AND webhook_disabled_at IS NULL")
            .bind("now", st.now()).bind("reason", gone.reason())
            .bind("org", st.delivery().organizationId()).bind("url", st.delivery().url())
            .execute();
      }
    }
    return new Recorded(owned, takenNext);
  }

  /**
   * What writing a turn's attempts and outcomes did: per attempted settlement, 1 where the lease
   * was still held (0 where not), and the next deliveries it took into flight.
   */
  private record Written(int[] settled, List<ClaimedDelivery> takenNext) {}

  /**
   * Locks, attempts, outcomes and hand-overs as {@link #RECORD_AND_HAND_OVER_POSTGRESQL}: one
   * round trip, taking the waiting next deliveries of the threads in {@code onwardTo}.
   */
  private static Written writeInOneRoundTrip(Handle h, String node, List<Long> settlingThreads,
      List<Settlement> attempted, Map<Long, ClaimedDelivery> onwardTo, Onward onward) {
    Set<Long> held = new HashSet<>();
    List<ClaimedDelivery> taken = new ArrayList<>();
    PlainJdbc.runAll(h, RECORD_AND_HAND_OVER_POSTGRESQL,
        s -> bindRecordAndHandOver(s, node, settlingThreads, attempted, onwardTo, onward),
        (statement, rows) -> {
          while (rows.next()) {
            switch (statement) {
              case 2 -> held.add(rows.getLong(1));
              case 3 -> taken.add(
                  claimed(rows, onward.now(), onwardTo.get(rows.getLong("thread_id")).url()));
              default -> { } // the threads' locks
            }
          }
        });
    return new Written(
        attempted.stream().mapToInt(st -> held.contains(st.delivery().id()) ? 1 : 0).toArray(),
        taken);
  }

  /**
   * Locks (where asked), attempts and outcomes as one JDBC batch each; the caller hands the
   * settled threads over.
   */
  private static Written writeInBatches(Handle h, String node, List<Long> settlingThreads,
      List<Settlement> attempted, boolean lockThreads) {
    if (lockThreads && !settlingThreads.isEmpty()) {
      PlainJdbc.queryByIds(h, LOCK_THREADS, settlingThreads, rs -> rs.getLong(1));
    }
    if (attempted.isEmpty()) return new Written(new int[0], List.of());
    PlainJdbc.batch(h, RECORD_ATTEMPT, attempted, (s, st) -> {
      ClaimedDelivery d = st.delivery();
      AttemptResult r = st.result();
      s.setLong(1, d.id());
      s.setInt(2, d.attempt());
      s.setString(3, node);
      s.setString(4, d.url());
      s.setLong(5, r.startedAt());
      s.setLong(6, r.durationMillis());
      PlainJdbc.setInt(s, 7, r.status());
      PlainJdbc.setString(s, 8, r.responseBody());
      PlainJdbc.setString(s, 9, truncate(r.error()));
    });
    int[] settled = PlainJdbc.batch(h, SETTLE, attempted, (s, st) -> {
      setOutcome(s, st.outcome(), st.now());
      PlainJdbc.setInt(s, 6, st.result().status());
      PlainJdbc.setString(s, 7, truncate(st.result().describe()));
      s.setBoolean(8, st.settles());
      s.setLong(9, st.delivery().id());
      s.setString(10, node);
      s.setInt(11, st.delivery().attempt());
    });
    return new Written(settled, List.of());
  }

  /** Sets the parameters of {@link #RECORD_AND_HAND_OVER_POSTGRESQL}, statement by statement. */
  private static void bindRecordAndHandOver(PreparedStatement s, String node,
      List<Long> settlingThreads, List<Settlement> attempted,
      Map<Long, ClaimedDelivery> onwardTo, Onward onward) throws SQLException {
    int n = attempted.size();
    Long[] ids = new Long[n];
    Integer[] attempts = new Integer[n];
    String[] urls = new String[n];
    Long[] started = new Long[n];
    Long[] durations = new Long[n];
    Integer[] statuses = new Integer[n];
    String[] bodies = new String[n];
    String[] errors = new String[n];
    String[] states = new String[n];
    Long[] nextAttempts = new Long[n];
    Integer[] steps = new Integer[n];
    Long[] deliveredAt = new Long[n];
    Long[] failedAt = new Long[n];
    String[] lastErrors = new String[n];
    Boolean[] settles = new Boolean[n];
    for (int i = 0; i < n; i++) {
      Settlement st = attempted.get(i);
      ClaimedDelivery d = st.delivery();
      AttemptResult r = st.result();
      ids[i] = d.id();
      attempts[i] = d.attempt();
      urls[i] = d.url();
      started[i] = r.startedAt();
      durations[i] = r.durationMillis();
      statuses[i] = r.status();
      bodies[i] = r.responseBody();
      errors[i] = truncate(r.error());
      Row outcome = outcome(st.outcome(), st.now());
      states[i] = outcome.state();
      nextAttempts[i] = outcome.next();
      steps[i] = outcome.step();
      deliveredAt[i] = outcome.deliveredAt();
      failedAt[i] = outcome.failedAt();
      lastErrors[i] = truncate(r.describe());
      settles[i] = st.settles();
    }
    Connection c = s.getConnection();
    int p = 1;
    // The threads' locks.
    PlainJdbc.setIds(s, p++, settlingThreads);
    // The attempts.
    s.setString(p++, node);
    s.setArray(p++, c.createArrayOf("bigint", ids));
    s.setArray(p++, c.createArrayOf("int4", attempts));
    s.setArray(p++, c.createArrayOf("varchar", urls));
    s.setArray(p++, c.createArrayOf("bigint", started));
    s.setArray(p++, c.createArrayOf("bigint", durations));
    s.setArray(p++, c.createArrayOf("int4", statuses));
    s.setArray(p++, c.createArrayOf("varchar", bodies));
    s.setArray(p++, c.createArrayOf("varchar", errors));
    // The outcomes.
    s.setArray(p++, c.createArrayOf("bigint", ids));
    s.setArray(p++, c.createArrayOf("int4", attempts));
    s.setArray(p++, c.createArrayOf("varchar", states));
    s.setArray(p++, c.createArrayOf("bigint", nextAttempts));
    s.setArray(p++, c.createArrayOf("int4", steps));
    s.setArray(p++, c.createArrayOf("bigint", deliveredAt));
    s.setArray(p++, c.createArrayOf("bigint", failedAt));
    s.setArray(p++, c.createArrayOf("int4", statuses));
    s.setArray(p++, c.createArrayOf("varchar", lastErrors));
    s.setArray(p++, c.createArrayOf("bool", settles));
    s.setString(p++, node);
    // The hand-overs.
    PlainJdbc.setIds(s, p++, settlingThreads);
    s.setArray(p++, c.createArrayOf("varchar", settlingThreads.stream()
        .map(thread -> onwardTo.containsKey(thread) ? onwardTo.get(thread).url() : null)
        .toArray(String[]::new)));
    s.setString(p++, node);
    s.setLong(p++, onward.leaseUntil());
    s.setLong(p++, onward.now());
    s.setLong(p, onward.now());
  }

  /** Hands each of {@code threads} over to its first unsettled delivery if that one waits. */
  private static int handOverAll(Handle h, Set<Long> threads, long now) {
    if (threads.isEmpty()) return 0;
    Map<Long, Long> handOvers = new LinkedHashMap<>();
    for (long thread : threads) handOvers.put(thread, now);
    return handOver(h, handOvers);
  }

  /** Hands over each thread of {@code dueAtByThread}, its first waiting delivery due then. */
  private static int handOver(Handle h, Map<Long, Long> dueAtByThread) {
    return IntStream.of(PlainJdbc.batch(h, HAND_OVER, List.copyOf(dueAtByThread.entrySet()),
        (s, handOver) -> {
          s.setLong(1, handOver.getValue());
          s.setLong(2, handOver.getKey());
          s.setLong(3, handOver.getKey());
        })).sum();
  }

  /** Sets SETTLE's first five parameters: the state, due time, step, delivered and failed. */
  private static void setOutcome(PreparedStatement s, Outcome outcome, long now)
      throws SQLException {
    Row row = outcome(outcome, now);
    s.setString(1, row.state());
    PlainJdbc.setLong(s, 2, row.next());
    PlainJdbc.setInt(s, 3, row.step());
    PlainJdbc.setLong(s, 4, row.deliveredAt());
    PlainJdbc.setLong(s, 5, row.failedAt());
  }

  /**
   * What an outcome writes in its delivery's row: the state, due time, schedule step (null
   * keeps it), delivered and failed times.
   */
  private record Row(String state, Long next, Integer step, Long deliveredAt, Long failedAt) {}

  private static Row outcome(Outcome outcome, long now) {
    return switch (outcome) {
      case Outcome.Delivered ignored -> new Row("delivered", null, null, now, null);
      case Outcome.RetryAt retry ->
          new Row("retry_scheduled", retry.at(), retry.scheduleStep(), null, null);
      case Outcome.Failed failed -> new Row("failed", null, failed.scheduleStep(), null, now);
      // The delivery stays unsettled, so it goes out (in order) once a URL is set again.
      case Outcome.Gone ignored -> new Row("retry_scheduled", now, null, null, null);
      case Outcome.HandedBack ignored -> throw new IllegalArgumentException("not attempted");
    };
  }

  /**
   * Gives a due time to waiting deliveries with nothing unsettled before them in their thread.
   * Settling hands each thread over already; this is the safety net that makes sure no thread
   * can stay stuck, whatever happened to a hand-over.
   *
   * <p>It walks the threads' heads through the unsettled index, a page at a time, skipping the
   * rest of each thread's backlog, and hands over the threads whose head has no due time (the
   * hand-over checks that again as it changes the row). So it reads about one entry per thread
   * with unsettled deliveries, however long their backlogs and however many settled deliveries
   * the table keeps: as one UPDATE it read every row whose due time is NULL — on H2 the whole
   * delivered history, 0.4 s every 30 s on the dispatcher's thread in e2e (docs/benchmarks.md,
   * profile 33).
   *
   * @return how many were found waiting for nothing
   */
  int handOverStranded(long now) {
    Set<Long> stranded = new TreeSet<>();
    jdbi.useHandle(h -> {
      long after = 0; // thread ids start at 1
      while (true) {
        List<Head> page = h.createQuery(THREAD_HEADS)
            .bind("after", after).bind("limit", HEADS_PAGE)
            .map((rs, ctx) -> new Head(rs.getLong(1), rs.getObject(2, Long.class)))
            .list();
        // A page starts at a thread's first unsettled delivery, and so does each new thread
        // in it: those rows are heads.
        long previous = after;
        for (Head head : page) {
          if (head.thread() == previous) continue;
          previous = head.thread();
          if (head.due() == null) stranded.add(head.thread());
        }
        if (page.size() < HEADS_PAGE) break;
        after = page.getLast().thread();
      }
    });
    return stranded.isEmpty() ? 0 : jdbi.inTransaction(h -> handOverAll(h, stranded, now));
  }

  private record Head(long thread, Long due) {}

  /** Rows of the unsettled index one statement of {@link #handOverStranded} reads at most. */
  static final int HEADS_PAGE = 64;

  /** Unsettled deliveries in thread and sequence order, from the first thread after one. */
  static final String THREAD_HEADS =
      "SELECT unsettled_thread_id, next_attempt_at FROM webhook_deliveries"
          + " WHERE unsettled_thread_id > :after"
          + " ORDER BY unsettled_thread_id, sequence LIMIT :limit";

  /**
   * Hands back this node's claims (at shutdown), due at once, so another node or the next start
   * need not wait for their leases to end. An attempt that was cut short may have reached the
   * hook: delivery is at least once.
   */
  int releaseClaims(String node, long now) {
    return jdbi.inTransaction(h -> {
      int released = h.createUpdate("UPDATE webhook_deliveries SET status = 'retry_scheduled',"
              + " lease_owner = NULL, next_attempt_at = :now"
              // In-flight rows are due when their lease ends: the due index finds them.
              + " WHERE next_attempt_at >= 0 AND lease_owner = :node AND status = 'in_flight'")
          .bind("node", node).bind("now", now)
          .execute();
      if (released > 0) Outbox.notifyNodes(h, dialect);
      return released;
    });
  }

  /**
   * Takes back every claim, whoever holds it: for a database only one node uses (H2), where a
   * claim at start can only be left over from a process that died.
   */
  int releaseAllClaims(long now) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE webhook_deliveries"
            + " SET status = 'retry_scheduled', lease_owner = NULL, next_attempt_at = :now"
            + " WHERE next_attempt_at >= 0 AND status = 'in_flight'")
        .bind("now", now)
        .execute());
  }

  /**
   * One step of pruning the delivered history: reads up to {@code batch} deliveries in id order
   * after {@code afterId}, and deletes, with their attempts, those delivered before
   * {@code before}. Ids are handed out as deliveries are queued, so the walk is done at the
   * first delivery queued at or after {@code before} (none after it can have been delivered
   * before then): a step reads no more than its batch, however large the table, and failed or
   * unsettled deliveries are stepped over, not read again and again.
   */
  Pruned pruneDelivered(long before, long afterId, int batch) {
    return jdbi.inTransaction(h -> {
      List<PruneCandidate> rows = h.createQuery("SELECT id, created_at,"
              + " status = 'delivered' AND delivered_at < :before AS expired"
              + " FROM webhook_deliveries WHERE id > :after ORDER BY id LIMIT :batch")
          .bind("before", before).bind("after", afterId).bind("batch", batch)
          .map((rs, ctx) -> new PruneCandidate(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)))
          .list();
      boolean done = rows.size() < batch;
      long last = afterId;
      List<Long> ids = new ArrayList<>();
      for (PruneCandidate row : rows) {
        if (row.createdAt() >= before) {
          done = true;
          break;
        }
        last = row.id();
        if (row.expired()) ids.add(row.id());
      }
      int deleted = 0;
      if (!ids.isEmpty()) {
        h.createUpdate("DELETE FROM webhook_attempts WHERE delivery_id IN (<ids>)")
            .bindList("ids", ids).execute();
        deleted = h.createUpdate("DELETE FROM webhook_deliveries WHERE id IN (<ids>)"
                + " AND status = 'delivered'")
            .bindList("ids", ids).execute();
      }
      return new Pruned(deleted, last, done);
    });
  }

  private record PruneCandidate(long id, long createdAt, boolean expired) {}

  /**
   * What a step of {@link #pruneDelivered} did: how many it deleted, the last id it read up to
   * (where the next step starts), and whether the walk reached its end.
   */
  record Pruned(int deleted, long lastId, boolean done) {}

  /** Deliveries not settled, in every organization. */
  long unsettledCount() {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE status IN " + UNSETTLED)
        .mapTo(Long.class).one());
  }

  // ---- what operators read and do ----

  /** An organization's delivery counts and its oldest unsettled delivery's creation time. */
  record Backlog(long unsettled, long failed, Long oldestUnsettledAt) {}

  Backlog backlog(long organizationId) {
    return jdbi.withHandle(h -> {
      long failed = h.createQuery("SELECT COUNT(*) FROM webhook_deliveries"
              + " WHERE organization_id = :org AND status = 'failed'")
          .bind("org", organizationId).mapTo(Long.class).one();
      return h.createQuery("SELECT COUNT(*), MIN(created_at)"
              + " FROM webhook_deliveries WHERE organization_id = :org AND status IN " + UNSETTLED)
          .bind("org", organizationId)
          .map((rs, ctx) -> new Backlog(rs.getLong(1), failed, rs.getObject(2, Long.class)))
          .one();
    });
  }

  /**
   * An organization's deliveries, newest first, below {@code beforeId}.
   *
   * @param states the states to list, or null for all
   * @param threadId the thread to list, or null for all
   */
  List<DeliveryRecord> list(long organizationId, Set<DeliveryState> states, Long threadId,
      long beforeId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + DELIVERY_COLUMNS
        + " FROM webhook_deliveries WHERE organization_id = :org AND id < :before");
    if (states != null) sql.append(" AND status IN (<states>)");
    // A thread's deliveries are its messages' (one each), found through the messages' index on
    // (thread_id, sequence): on H2 deliveries have no index by thread (migration 1.6).
    if (threadId != null) {
      sql.append(" AND message_id IN (SELECT id FROM messages WHERE thread_id = :thread)");
    }
    // Unfiltered, organization_id too: H2 reads the (organization_id, id) index in order only for
    // an ORDER BY that starts with its first column; by id alone it read and sorted every
    // delivery of the organization below :before for each page (30,553 rows for a page of 5,
    // measured with EXPLAIN). Filtered, by id alone: H2 then starts from the states' or the
    // thread's index and sorts what they hold, where the ordered scan would read past every
    // delivery that does not match (all 30,553 when none had failed).
    sql.append(states == null && threadId == null
        ? " ORDER BY organization_id DESC, id DESC LIMIT :limit"
        : " ORDER BY id DESC LIMIT :limit");
    return jdbi.withHandle(h -> {
      Query query = h.createQuery(sql.toString()).bind("org", organizationId)
          .bind("before", beforeId).bind("limit", limit);
      if (states != null) query.bindList("states", states.stream().map(DeliveryState::dbName).toList());
      if (threadId != null) query.bind("thread", threadId);
      return query.map((rs, ctx) -> delivery(rs)).list();
    });
  }

  Optional<DeliveryRecord> find(long organizationId, long deliveryId) {
    return jdbi.withHandle(h -> find(h, organizationId, deliveryId));
  }

  private static Optional<DeliveryRecord> find(Handle h, long organizationId, long deliveryId) {
    return h.createQuery("SELECT " + DELIVERY_COLUMNS
            + " FROM webhook_deliveries WHERE id = :id AND organization_id = :org")
        .bind("id", deliveryId).bind("org", organizationId)
        .map((rs, ctx) -> delivery(rs))
        .findOne();
  }

  List<AttemptRecord> attempts(long deliveryId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT attempt, started_at, duration_ms,"
            + " response_status, response_body, error, url FROM webhook_attempts"
            + " WHERE delivery_id = :delivery ORDER BY attempt, id")
        .bind("delivery", deliveryId)
        .map((rs, ctx) -> new AttemptRecord(rs.getInt(1), rs.getLong(2), rs.getLong(3),
            rs.getObject(4, Integer.class), rs.getString(5), rs.getString(6), rs.getString(7)))
        .list());
  }

  /**
   * Queues a delivery again with a fresh retry schedule, unless it is in flight (whose attempt
   * decides first).
   *
   * @return the delivery as it now is; empty when the organization has no such delivery
   * @throws IllegalStateException when it is in flight
   */
  Optional<DeliveryRecord> redeliver(long organizationId, long deliveryId, long now) {
    return jdbi.inTransaction(h -> {
      int updated = h.createUpdate("UPDATE webhook_deliveries SET " + requeue()
              + " WHERE id = :id AND organization_id = :org AND status <> 'in_flight'")
          .bind("now", now).bind("id", deliveryId).bind("org", organizationId)
          .execute();
      Optional<DeliveryRecord> delivery = find(h, organizationId, deliveryId);
      if (updated == 0 && delivery.isPresent()) {
        throw new IllegalStateException("delivery " + deliveryId + " is in flight");
      }
      if (updated > 0) Outbox.notifyNodes(h, dialect);
      return delivery;
    });
  }

  /** Queues again every failed delivery of the organization that failed at or after {@code since}. */
  int redeliverFailed(long organizationId, long since, long now) {
    return jdbi.inTransaction(h -> {
      int updated = h.createUpdate("UPDATE webhook_deliveries SET " + requeue()
              + " WHERE organization_id = :org AND status = 'failed' AND failed_at >= :since")
          .bind("now", now).bind("org", organizationId).bind("since", since)
          .execute();
      if (updated > 0) Outbox.notifyNodes(h, dialect);
      return updated;
    });
  }

  private static String requeue() {
    return "status = 'pending', schedule_step = 0, next_attempt_at = :now, requeued_at = :now,"
        + " delivered_at = NULL, failed_at = NULL, lease_owner = NULL,"
        + " unsettled_thread_id = thread_id";
  }

  private static DeliveryRecord delivery(ResultSet rs) throws SQLException {
    return new DeliveryRecord(rs.getLong("id"), rs.getLong("organization_id"),
        rs.getLong("thread_id"), rs.getLong("message_id"), rs.getLong("sequence"),
        DeliveryState.fromDbName(rs.getString("status")).orElseThrow(),
        rs.getInt("attempts"), rs.getObject("next_attempt_at", Long.class),
        rs.getLong("created_at"),
        rs.getObject("delivered_at", Long.class), rs.getObject("failed_at", Long.class),
        rs.getObject("last_attempt_at", Long.class),
        rs.getObject("last_response_status", Integer.class), rs.getString("last_error"));
  }

  private static String truncate(String text) {
    if (text == null || text.length() <= MAX_ERROR_LENGTH) return text;
    return text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
  }
}
