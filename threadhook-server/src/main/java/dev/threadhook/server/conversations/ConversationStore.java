package dev.threadhook.server.conversations;

import dev.threadhook.api.ThreadStatus;
import dev.threadhook.server.Clock;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.AccountService;
import dev.threadhook.server.accounts.AccountStore;
import dev.threadhook.server.storage.PlainJdbc;
import dev.threadhook.server.webhooks.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Customers, threads, messages and attachments in the database. */
public final class ConversationStore {
  private static final String THREAD_COLUMNS =
      "t.id, t.organization_id, t.store_id, t.status, t.message_count, t.created_at, t.updated_at,"
          + " c.id AS c_id, c.external_id AS c_external_id, c.name AS c_name, c.phone AS c_phone,"
          + " c.email AS c_email, c.customer_type AS c_customer_type";
  private static final String MESSAGE_COLUMNS =
      "m.id, m.thread_id, t.organization_id, t.customer_id, m.sequence, m.created_at,"
          + " m.from_customer, m.user_id, m.body, m.invisible, m.external_id, m.attachment_uuid,"
          + " a.name AS a_name, a.content_type AS a_content_type,"
          + " a.content_length AS a_content_length";
  private static final String MESSAGE_FROM =
      " FROM messages m JOIN customer_threads t ON t.id = m.thread_id"
          + " LEFT JOIN attachments a ON a.uuid = m.attachment_uuid";

  /** Threads remembered (about 2.5 MB at most), the busy ones of most deployments. */
  private static final int KNOWN_THREADS = 10_000;

  private final Jdbi jdbi;
  private final Clock clock;
  private final Outbox outbox;
  private final KnownThreads known = new KnownThreads(KNOWN_THREADS);

  public ConversationStore(Jdbi jdbi, Clock clock, Outbox outbox) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.outbox = outbox;
  }

  public Optional<StoredThread> thread(long threadId) {
    return jdbi.withHandle(h -> thread(h, threadId));
  }

  private static Optional<StoredThread> thread(Handle h, long threadId) {
    return h.createQuery("SELECT " + THREAD_COLUMNS
            + " FROM customer_threads t JOIN customers c ON c.id = t.customer_id WHERE t.id = :id")
        .bind("id", threadId)
        .map((rs, ctx) -> threadFrom(rs))
        .findOne();
  }

  /**
   * Threads of an organization, newest first, whose id is below {@code beforeId}.
   *
   * @param storeIds the stores to look in, or null for all of the organization's
   */
  public List<StoredThread> threads(
      long organizationId, Set<Long> storeIds, ThreadStatus status, long beforeId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + THREAD_COLUMNS
        + " FROM customer_threads t JOIN customers c ON c.id = t.customer_id"
        + " WHERE t.organization_id = :org AND t.id < :before");
    if (status != null) sql.append(" AND t.status = :status");
    if (storeIds != null) {
      if (storeIds.isEmpty()) return List.of();
      sql.append(" AND t.store_id IN (<stores>)");
    }
    // The organization's column first: H2 reads an index in order only for an ORDER BY that
    // starts with the index's first column; ordered by id alone it read and sorted every thread
    // of the organization for each page (1,004 rows for a page of 5, measured with EXPLAIN).
    sql.append(" ORDER BY t.organization_id DESC, t.id DESC LIMIT :limit");
    return jdbi.withHandle(h -> {
      Query query = h.createQuery(sql.toString())
          .bind("org", organizationId).bind("before", beforeId).bind("limit", limit);
      if (status != null) query.bind("status", status.wireName());
      if (storeIds != null) query.bindList("stores", List.copyOf(storeIds));
      return query.map((rs, ctx) -> threadFrom(rs)).list();
    });
  }

  /** Messages of a thread with a sequence above {@code afterSequence}, oldest first. */
  public List<StoredMessage> messages(long threadId, long afterSequence, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + MESSAGE_COLUMNS + MESSAGE_FROM
            + " WHERE m.thread_id = :thread AND m.sequence > :after"
            // thread_id too, so H2 reads the index in order (see threads()) rather than the
            // thread's every later message.
            + " ORDER BY m.thread_id, m.sequence LIMIT :limit")
        .bind("thread", threadId).bind("after", afterSequence).bind("limit", limit)
        .map((rs, ctx) -> messageFrom(rs))
        .list());
  }

  public Optional<StoredMessage> message(long messageId) {
    return jdbi.withHandle(h -> message(h, messageId));
  }

  private static Optional<StoredMessage> message(Handle h, long messageId) {
    return h.createQuery("SELECT " + MESSAGE_COLUMNS + MESSAGE_FROM + " WHERE m.id = :id")
        .bind("id", messageId)
        .map((rs, ctx) -> messageFrom(rs))
        .findOne();
  }

  /**
   * A message to append, with the idempotency record to write with it (or null), who may write
   * to which threads, and the API token it is written with, which must still be live when it is
   * written (null for a customer's message, which comes with a channel key).
   */
  record Append(NewMessage message, IdempotencyRecord idempotency, ThreadAccess access,
      Long tokenId, Long channelKeyId) {}

  /**
   * What became of one append: the message as stored, or why it was refused. A refused message
   * (its token revoked, its thread missing or not the writer's) does not fail the others.
   */
  record Appended(StoredMessage message, DomainException refusal) {}

  /**
   * Appends messages in one transaction: for each, the thread's status and count, the message,
   * its attachment, its webhook delivery and, when given, its idempotency record. Either all are
   * stored or none is, except those refused (see {@link Appended}): a message whose token is no
   * longer live, or whose thread does not exist or may not be written to. Messages of one thread take
   * consecutive sequence numbers in list order.
   *
   * <p>Each kind of row is written with one JDBC batch for the whole list rather than one
   * statement per message: a group commit's cost then grows with its rows, not its statements.
   */
  List<Appended> appendAll(List<Append> appends) {
    long now = clock.millis();
    return jdbi.inTransaction(h -> {
      Map<Long, KnownThreads.Facts> threads = threads(h,
          appends.stream().map(a -> a.message().threadId()).distinct().toList());
      Set<Long> liveTokens = AccountStore.liveTokenIds(h, appends.stream()
          .map(Append::tokenId).filter(Objects::nonNull).distinct().toList());
      Set<Long> liveChannelKeys = AccountStore.liveChannelKeyIds(h, appends.stream()
          .map(Append::channelKeyId).filter(Objects::nonNull).distinct().toList());

      Appended[] results = new Appended[appends.size()];
      List<Integer> accepted = new ArrayList<>(appends.size());
      Map<Long, ThreadChange> changes = new TreeMap<>();
      for (int i = 0; i < appends.size(); i++) {
        Append append = appends.get(i);
        NewMessage message = append.message();
        KnownThreads.Facts thread = threads.get(message.threadId());
        if (append.tokenId() != null && !liveTokens.contains(append.tokenId())) {
          results[i] = new Appended(null,
              DomainException.unauthorized(AccountService.UNKNOWN_OR_REVOKED));
          continue;
        }
        if (append.channelKeyId() != null && !liveChannelKeys.contains(append.channelKeyId())) {
          results[i] = new Appended(null,
              DomainException.unauthorized(AccountService.UNKNOWN_OR_REVOKED_CHANNEL_KEY));
          continue;
        }
        if (thread == null || !append.access().allows(thread.organizationId(), thread.storeId())) {
          // A thread the writer may not see gets the same answer as one that does not exist,
          // so ids of other organizations cannot be probed.
          results[i] = new Appended(null, DomainException.notFound(
              "customer thread " + message.threadId() + " does not exist"));
          continue;
        }
        accepted.add(i);
        changes.merge(thread.id(), ThreadChange.of(message), ThreadChange::then);
      }
      if (accepted.isEmpty()) return List.of(results);

      // Each thread's row is changed before its messages are numbered: the update takes the
      // row's lock, so the count read back below is this transaction's to number from, and the
      // row is written once (a SELECT … FOR UPDATE would write it a second time on H2).
      Map<Long, Long> counts = applyChanges(h, changes, now);
      Map<Long, Long> nextSequence = new HashMap<>();
      changes.forEach((id, change) -> nextSequence.put(id, counts.get(id) - change.added() + 1));

      List<Placed> placed = new ArrayList<>(accepted.size());
      for (int i : accepted) {
        Append append = appends.get(i);
        KnownThreads.Facts thread = threads.get(append.message().threadId());
        long sequence = nextSequence.merge(thread.id(), 1L, Long::sum) - 1;
        StoredAttachment attachment = append.message().attachment() == null ? null
            : insertAttachment(h, thread.organizationId(), append.message().attachment(), now);
        placed.add(new Placed(i, append, thread, sequence, attachment));
      }

      List<Long> ids = insertMessages(h, placed, now);
      List<Outbox.Delivery> deliveries = new ArrayList<>(placed.size());
      for (int i = 0; i < placed.size(); i++) {
        Placed p = placed.get(i);
        long id = ids.get(i);
        if (p.append().idempotency() != null) {
          recordIdempotency(h, p.append().idempotency(), id, now);
        }
        NewMessage message = p.append().message();
        StoredMessage stored = new StoredMessage(id, p.thread().id(),
            p.thread().organizationId(), p.thread().customerId(), p.sequence(), now,
            message.fromCustomer(), message.userId(), message.body(), message.invisible(),
            message.externalId(), p.attachment());
        deliveries.add(new Outbox.Delivery(p.sequence(), stored.webhookPayload()));
        results[p.index()] = new Appended(stored, null);
      }
      outbox.enqueueAll(h, deliveries, now);
      return List.of(results);
    });
  }

  /**
   * What a transaction's messages do to one thread: how many it adds, and the status the last
   * one that moves it leaves (null when none does, an invisible note's case).
   */
  record ThreadChange(long added, ThreadStatus status) {
    static ThreadChange of(NewMessage message) {
      return new ThreadChange(1, StatusRules.setBy(message.fromCustomer(), message.invisible()));
    }

    ThreadChange then(ThreadChange next) {
      return new ThreadChange(added + next.added, next.status != null ? next.status : status);
    }
  }

  /** A message given its thread and place in it, before it has an id. */
  private record Placed(int index, Append append, KnownThreads.Facts thread, long sequence,
      StoredAttachment attachment) {}

  /**
   * The fixed columns of the threads that exist: remembered, or read with one statement (the ids
   * bound as one array, so the statement's text, and so its parsed plan, is the same for every
   * batch). They never change, so they need no lock.
   */
  private Map<Long, KnownThreads.Facts> threads(Handle h, List<Long> ids) {
    Map<Long, KnownThreads.Facts> threads = new HashMap<>();
    List<Long> unknown = new ArrayList<>();
    for (long id : ids) {
      KnownThreads.Facts facts = known.thread(id);
      if (facts != null) threads.put(id, facts);
      else unknown.add(id);
    }
    if (unknown.isEmpty()) return threads;
    h.createQuery("SELECT id, organization_id, store_id, customer_id"
            + " FROM customer_threads WHERE id = ANY(:ids)")
        .bindArray("ids", Long.class, unknown)
        .map((rs, ctx) -> new KnownThreads.Facts(rs.getLong(1), rs.getLong(2), rs.getLong(3),
            rs.getLong(4)))
        .forEach(t -> {
          threads.put(t.id(), t);
          known.remember(t);
        });
    return threads;
  }

  /**
   * Applies the changes to their threads' rows, in ascending id order (so two transactions
   * changing the same threads wait for each other instead of deadlocking), and reads back each
   * thread's message count, its messages included. The rows stay locked until the transaction
   * ends: the outbox counts on that (see {@link Outbox#enqueueAll}).
   */
  private static Map<Long, Long> applyChanges(
      Handle h, Map<Long, ThreadChange> ascendingChanges, long now) {
    PlainJdbc.batch(h, "UPDATE customer_threads"
            + " SET message_count = message_count + ?, status = COALESCE(?, status),"
            + " updated_at = ? WHERE id = ?",
        List.copyOf(ascendingChanges.entrySet()), (statement, change) -> {
          statement.setLong(1, change.getValue().added());
          ThreadStatus status = change.getValue().status();
          PlainJdbc.setString(statement, 2, status == null ? null : status.wireName());
          statement.setLong(3, now);
          statement.setLong(4, change.getKey());
        });
    Map<Long, Long> counts = new HashMap<>();
    for (long[] row : PlainJdbc.queryByIds(h,
        "SELECT id, message_count FROM customer_threads WHERE id = ANY(?)",
        ascendingChanges.keySet(), rs -> new long[] {rs.getLong(1), rs.getLong(2)})) {
      counts.put(row[0], row[1]);
    }
    return counts;
  }

  /** Inserts the messages with one batch; returns their ids in list order. */
  private static List<Long> insertMessages(Handle h, List<Placed> placed, long now) {
    return PlainJdbc.insertReturningIds(h, "INSERT INTO messages (thread_id, sequence,"
            + " created_at, from_customer, user_id, body, invisible, external_id,"
            + " attachment_uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        placed, (statement, p) -> {
          NewMessage message = p.append().message();
          statement.setLong(1, p.thread().id());
          statement.setLong(2, p.sequence());
          statement.setLong(3, now);
          statement.setBoolean(4, message.fromCustomer());
          PlainJdbc.setLong(statement, 5, message.userId());
          statement.setString(6, message.body());
          statement.setBoolean(7, message.invisible());
          PlainJdbc.setString(statement, 8, message.externalId());
          PlainJdbc.setString(statement, 9, p.attachment() == null ? null : p.attachment().uuid());
        });
  }

  private static void recordIdempotency(
      Handle h, IdempotencyRecord idempotency, long messageId, long now) {
    // An expired record of the same key may still be there (pruning runs every 10 minutes).
    h.createUpdate("DELETE FROM idempotency_keys WHERE token_id = :token AND idem_key = :key"
            + " AND created_at < :expired")
        .bind("token", idempotency.tokenId()).bind("key", idempotency.key())
        .bind("expired", idempotency.expiredBefore())
        .execute();
    h.createUpdate("INSERT INTO idempotency_keys (token_id, idem_key, request_hash,"
            + " message_id, created_at) VALUES (:token, :key, :hash, :message, :now)")
        .bind("token", idempotency.tokenId()).bind("key", idempotency.key())
        .bind("hash", idempotency.requestHash()).bind("message", messageId).bind("now", now)
        .execute();
  }

  private static StoredAttachment insertAttachment(
      Handle h, long organizationId, NewAttachment attachment, long now) {
    String uuid = UUID.randomUUID().toString();
    h.createUpdate("INSERT INTO attachments (uuid, organization_id, name, content_type,"
            + " content_length, content, created_at)"
            + " VALUES (:uuid, :org, :name, :type, :length, :content, :now)")
        .bind("uuid", uuid).bind("org", organizationId).bind("name", attachment.name())
        .bind("type", attachment.contentType()).bind("length", attachment.content().length)
        .bind("content", attachment.content()).bind("now", now)
        .execute();
    return new StoredAttachment(
        uuid, attachment.name(), attachment.contentType(), attachment.content().length);
  }

  /** The message an idempotency key already produced, with the hash of the request that did. */
  Optional<IdempotentResult> idempotentResult(long tokenId, String key, long notBefore) {
    return jdbi.withHandle(h -> h.createQuery("SELECT request_hash, message_id"
            + " FROM idempotency_keys WHERE token_id = :token AND idem_key = :key"
            + " AND created_at >= :notBefore")
        .bind("token", tokenId).bind("key", key).bind("notBefore", notBefore)
        .map((rs, ctx) -> new IdempotentResult(rs.getString(1), rs.getLong(2)))
        .findOne());
  }

  /** Forgets idempotency keys older than {@code before}; returns how many. */
  int pruneIdempotencyKeys(long before) {
    return jdbi.withHandle(h -> h.createUpdate(
            "DELETE FROM idempotency_keys WHERE created_at < :before")
        .bind("before", before).execute());
  }

  void updateStatus(long threadId, ThreadStatus status) {
    jdbi.useHandle(h -> h.createUpdate(
            "UPDATE customer_threads SET status = :status, updated_at = :now WHERE id = :id")
        .bind("status", status.wireName()).bind("now", clock.millis()).bind("id", threadId)
        .execute());
  }

  /**
   * The customer with this channel id in the organization, created when new; a race between two
   * first messages is settled by the unique key, and the loser reads the winner's row.
   */
  StoredCustomer findOrCreateCustomer(
      long organizationId, String externalId, String name, String phone, String email) {
    Optional<StoredCustomer> existing = customer(organizationId, externalId);
    if (existing.isPresent()) return existing.get();
    try {
      jdbi.useHandle(h -> h.createUpdate("INSERT INTO customers (organization_id, external_id,"
              + " name, phone, email, customer_type, created_at)"
              + " VALUES (:org, :externalId, :name, :phone, :email, 'prospect', :now)")
          .bind("org", organizationId).bind("externalId", externalId).bind("name", name)
          .bind("phone", phone).bind("email", email).bind("now", clock.millis())
          .execute());
    } catch (RuntimeException duplicate) {
      return customer(organizationId, externalId).orElseThrow(() -> duplicate);
    }
    return customer(organizationId, externalId).orElseThrow();
  }

  private Optional<StoredCustomer> customer(long organizationId, String externalId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, organization_id, external_id, name,"
            + " phone, email, customer_type FROM customers"
            + " WHERE organization_id = :org AND external_id = :externalId")
        .bind("org", organizationId).bind("externalId", externalId)
        .map((rs, ctx) -> new StoredCustomer(rs.getLong(1), rs.getLong(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
        .findOne());
  }

  /**
   * The thread of the organization's customer with this channel id in the store, when both
   * exist: one read for the common case of a customer writing again.
   */
  Optional<Long> customerThread(long organizationId, long storeId, String externalId) {
    Long remembered = known.customerThread(storeId, externalId);
    if (remembered != null) return Optional.of(remembered);
    // Only what this read finds is remembered, not a thread just opened: should two first
    // messages race and open two threads, later messages go to the one reads find, the newest.
    Optional<Long> thread = jdbi.withHandle(h -> h.createQuery("SELECT t.id FROM customers c"
            + " JOIN customer_threads t ON t.customer_id = c.id AND t.store_id = :store"
            + " WHERE c.organization_id = :org AND c.external_id = :externalId"
            + " ORDER BY t.id DESC LIMIT 1")
        .bind("org", organizationId).bind("store", storeId).bind("externalId", externalId)
        .mapTo(Long.class)
        .findOne());
    thread.ifPresent(id -> known.rememberCustomerThread(storeId, externalId, id));
    return thread;
  }

  /** The customer's thread in the store (one per customer and store), opened when there is none. */
  long findOrOpenThread(long organizationId, long storeId, long customerId) {
    return jdbi.inTransaction(h -> {
      Optional<Long> existing = h.createQuery("SELECT id FROM customer_threads"
              + " WHERE customer_id = :customer AND store_id = :store ORDER BY id DESC LIMIT 1")
          .bind("customer", customerId).bind("store", storeId)
          .mapTo(Long.class).findOne();
      if (existing.isPresent()) return existing.get();
      long now = clock.millis();
      return h.createUpdate("INSERT INTO customer_threads (organization_id, store_id,"
              + " customer_id, status, message_count, created_at, updated_at)"
              + " VALUES (:org, :store, :customer, 'waiting', 0, :now, :now)")
          .bind("org", organizationId).bind("store", storeId).bind("customer", customerId)
          .bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    });
  }

  /** The attachment with its bytes, for a download. */
  public Optional<AttachmentContent> attachment(String uuid) {
    return jdbi.withHandle(h -> h.createQuery("SELECT a.uuid, a.organization_id, a.name,"
            + " a.content_type, a.content_length, a.content, t.store_id"
            + " FROM attachments a JOIN messages m ON m.attachment_uuid = a.uuid"
            + " JOIN customer_threads t ON t.id = m.thread_id WHERE a.uuid = :uuid")
        .bind("uuid", uuid)
        .map((rs, ctx) -> new AttachmentContent(
            new StoredAttachment(rs.getString(1), rs.getString(3), rs.getString(4), rs.getLong(5)),
            rs.getLong(2), rs.getLong(7), rs.getBytes(6)))
        .findFirst());
  }

  private static StoredThread threadFrom(ResultSet rs) throws SQLException {
    StoredCustomer customer = new StoredCustomer(rs.getLong("c_id"),
        rs.getLong("organization_id"), rs.getString("c_external_id"), rs.getString("c_name"),
        rs.getString("c_phone"), rs.getString("c_email"), rs.getString("c_customer_type"));
    return new StoredThread(rs.getLong("id"), rs.getLong("organization_id"),
        rs.getLong("store_id"), customer,
        ThreadStatus.fromWireName(rs.getString("status")).orElseThrow(),
        rs.getLong("message_count"), rs.getLong("created_at"), rs.getLong("updated_at"));
  }

  static StoredMessage messageFrom(ResultSet rs) throws SQLException {
    String attachmentUuid = rs.getString("attachment_uuid");
    StoredAttachment attachment = attachmentUuid == null ? null : new StoredAttachment(
        attachmentUuid, rs.getString("a_name"), rs.getString("a_content_type"),
        rs.getLong("a_content_length"));
    return new StoredMessage(rs.getLong("id"), rs.getLong("thread_id"),
        rs.getLong("organization_id"), rs.getLong("customer_id"), rs.getLong("sequence"),
        rs.getLong("created_at"), rs.getBoolean("from_customer"),
        rs.getObject("user_id", Long.class), rs.getString("body"), rs.getBoolean("invisible"),
        rs.getString("external_id"), attachment);
  }

  /**
   * Who asked for an idempotent send, and the hash of what they asked; records of the key made
   * before {@code expiredBefore} no longer count.
   */
  record IdempotencyRecord(long tokenId, String key, String requestHash, long expiredBefore) {}

  record IdempotentResult(String requestHash, long messageId) {}

  /** An attachment's bytes with what access checks need. */
  public record AttachmentContent(
      StoredAttachment attachment, long organizationId, long storeId, byte[] content) {}
}
