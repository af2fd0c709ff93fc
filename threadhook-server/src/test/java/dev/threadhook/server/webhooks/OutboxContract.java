package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.api.WebhookMessage;
import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.http.RateLimit;
import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the outbox writes in a message's transaction, and what it tells this node: a due delivery
 * the node has room for is taken as it is written (in flight, leased, its attempt started once
 * the transaction commits); every other one is left for a claim. The server here never listens
 * nor dispatches, so nothing but the outbox under test touches the deliveries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutboxContract {
  private static final String HOOK = "http://127.0.0.1:9/hook";
  protected static final long NOW = 1_700_000_000_000L;

  private ThreadhookServer server;
  protected Jdbi jdbi;
  protected TestOrganization org;
  private RecordingIntake intake;
  private Outbox outbox;

  protected abstract DatabaseKind database();

  @BeforeAll
  void openServerWithoutDispatching() throws IOException {
    Path dataDir = Files.createTempDirectory("threadhook-outbox-test-");
    DatabaseConfig database = switch (database()) {
      case H2 -> DatabaseConfig.h2File(dataDir);
      case POSTGRESQL -> TestPostgres.get().newDatabase();
    };
    server = ThreadhookServer.open(new ServerConfig("127.0.0.1", 0, dataDir, database, false,
        RateLimit.OFF, WebhookConfig.defaults()));
    jdbi = server.database().jdbi();
  }

  @AfterAll
  void close() {
    server.close();
  }

  @BeforeEach
  void hookedOrganization() {
    org = TestOrganization.create(server, "outbox-" + UUID.randomUUID());
    jdbi.useHandle(h -> h.execute("UPDATE organizations SET webhook_url = ? WHERE id = ?",
        HOOK, org.id()));
    intake = new RecordingIntake();
    outbox = new Outbox(server.database().dialect(), intake);
  }

  @Test
  void aDueDeliveryWithRoomIsWrittenInFlightAndStartedOnceCommitted() {
    Outbox.Delivery delivery = newMessage(org.threadInA(), "hello");

    jdbi.useTransaction(h -> {
      enqueue(h, delivery);
      assertThat(intake.committed).as("started before the commit").isEmpty();
    });

    Map<String, Object> row = deliveryRow(delivery);
    assertThat(row).containsEntry("status", "in_flight").containsEntry("attempts", 1)
        .containsEntry("lease_owner", intake.node())
        .containsEntry("next_attempt_at", intake.leaseUntil(NOW))
        .containsEntry("last_attempt_at", NOW);
    assertThat(intake.committed).hasSize(1);
    ClaimedDelivery taken = intake.committed.get(0).taken().get(0);
    assertThat(taken.id()).isEqualTo(((Number) row.get("id")).longValue());
    assertThat(taken.attempt()).isEqualTo(1);
    assertThat(taken.url()).isEqualTo(HOOK);
    String secret = jdbi.withHandle(h -> h.createQuery(
            "SELECT webhook_secret FROM organizations WHERE id = :id")
        .bind("id", org.id()).mapTo(String.class).one());
    assertThat(taken.secrets()).containsExactly(secret);
    assertThat(taken.payload()).isEqualTo(delivery.payload());
    assertThat(intake.committed.get(0).organizationsDue()).isEmpty();
    assertThat(intake.committed.get(0).queuedBehind()).isEmpty();
    assertThat(intake.unreserved).isEmpty();
  }

  @Test
  void theNextMessageOfAThreadWaitsBehindTheOneTaken() {
    Outbox.Delivery first = newMessage(org.threadInA(), "first");
    Outbox.Delivery second = newMessage(org.threadInA(), "second");

    jdbi.useTransaction(h -> enqueue(h, first, second));

    assertThat(deliveryRow(first)).containsEntry("status", "in_flight");
    assertThat(deliveryRow(second)).containsEntry("status", "pending")
        .containsEntry("next_attempt_at", null).containsEntry("attempts", 0);
    assertThat(intake.reserved).as("room asked for").hasSize(1);
    assertThat(intake.committed).singleElement()
        .satisfies(c -> assertThat(c.queuedBehind()).containsExactly(org.threadInA()));
  }

  /**
   * A delivery whose hook has answered 2xx holds nothing back while its outcome waits for the
   * dispatcher's next turn to be recorded: the hook has it, so the next one goes at once.
   */
  @Test
  void theNextMessageIsTakenAtOnceWhenTheHookHasAnsweredTheOneBefore() {
    long thread = org.threadInA();
    Outbox.Delivery first = takenAndAnswered(thread);
    Outbox.Delivery second = newMessage(thread, "second");

    jdbi.useTransaction(h -> enqueue(h, second));

    assertThat(deliveryRow(first)).as("still unsettled in the database")
        .containsEntry("status", "in_flight");
    assertThat(deliveryRow(second)).containsEntry("status", "in_flight")
        .containsEntry("attempts", 1).containsEntry("next_attempt_at", intake.leaseUntil(NOW));
    assertThat(intake.answeredAskedFor).containsExactly(List.of(thread), List.of(thread));
    assertThat(intake.committed.get(1).taken()).singleElement()
        .satisfies(taken -> assertThat(taken.payload()).isEqualTo(second.payload()));
    assertThat(intake.committed.get(1).queuedBehind()).isEmpty();
  }

  @Test
  void theNextMessageWaitsWhileTheOneBeforeIsUnanswered() {
    Outbox.Delivery first = newMessage(org.threadInA(), "first");
    Outbox.Delivery elsewhere = newMessage(org.threadInB(), "another thread's");
    Outbox.Delivery second = newMessage(org.threadInA(), "second");
    jdbi.useTransaction(h -> enqueue(h, first, elsewhere));
    // Answered: only another thread's delivery.
    intake.answered.add((Long) deliveryRow(elsewhere).get("id"));

    jdbi.useTransaction(h -> enqueue(h, second));

    assertThat(deliveryRow(second)).containsEntry("status", "pending")
        .containsEntry("next_attempt_at", null).containsEntry("attempts", 0);
    assertThat(intake.committed.get(1).queuedBehind()).containsExactly(org.threadInA());
  }

  /**
   * Without room here, the delivery behind an answered one is left due, and a claim takes it
   * only once the answered one's outcome is recorded: before, the claim's guard holds it back.
   */
  @Test
  void withoutRoomTheNextMessageIsClaimedOnlyOnceTheAnsweredOneIsRecorded() {
    long thread = org.threadInA();
    Outbox.Delivery first = takenAndAnswered(thread);
    Outbox.Delivery second = newMessage(thread, "second");
    intake.room = false;

    jdbi.useTransaction(h -> enqueue(h, second));

    assertThat(deliveryRow(second)).containsEntry("status", "pending")
        .containsEntry("next_attempt_at", NOW);
    DeliveryStore store = new DeliveryStore(jdbi, server.database().dialect());
    assertThat(claim(store, NOW + 1)).as("the one before is not recorded yet").isEmpty();
    settleWithoutHandingOver(first);
    assertThat(claim(store, NOW + 2)).singleElement()
        .satisfies(claimed -> assertThat(claimed.payload()).isEqualTo(second.payload()));
  }

  /** A thread's first message, taken as it is written, which its hook has then answered 2xx. */
  private Outbox.Delivery takenAndAnswered(long thread) {
    Outbox.Delivery first = newMessage(thread, "first");
    jdbi.useTransaction(h -> enqueue(h, first));
    intake.answered.add((Long) deliveryRow(first).get("id"));
    return first;
  }

  /** Claims the due deliveries of this test's organization (the database has the others'). */
  private List<ClaimedDelivery> claim(DeliveryStore store, long now) {
    return store.cycle("claiming-node", List.of(), Set.of(), now, now + 60_000, 10, Set.of(),
        new Room(organization -> organization == org.id(), false)).claimed();
  }

  @Test
  void aDueDeliveryWithoutRoomIsLeftDueForAClaim() {
    intake.room = false;
    Outbox.Delivery delivery = newMessage(org.threadInA(), "no room");

    jdbi.useTransaction(h -> enqueue(h, delivery));

    assertThat(deliveryRow(delivery)).containsEntry("status", "pending")
        .containsEntry("next_attempt_at", NOW).containsEntry("attempts", 0)
        .containsEntry("lease_owner", null);
    assertThat(intake.committed).singleElement().satisfies(c -> {
      assertThat(c.taken()).isEmpty();
      assertThat(c.organizationsDue()).containsExactly(org.id());
    });
  }

  @Test
  void aRolledBackTransactionGivesItsRoomBackAndStartsNothing() {
    Outbox.Delivery delivery = newMessage(org.threadInA(), "rolled back");

    assertThatThrownBy(() -> jdbi.useTransaction(h -> {
      enqueue(h, delivery);
      throw new IllegalStateException("the writer's transaction fails after the outbox wrote");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(deliveryCount(delivery)).isZero();
    assertThat(intake.unreserved).containsExactly(org.id() + " " + HOOK);
    assertThat(intake.committed).isEmpty();
  }

  @Test
  void aHookDisabledByGoneIsNotTakenButItsDeliveryIsKept() {
    jdbi.useHandle(h -> h.execute("UPDATE organizations SET webhook_disabled_at = 1 WHERE id = ?",
        org.id()));
    Outbox.Delivery delivery = newMessage(org.threadInA(), "while disabled");

    jdbi.useTransaction(h -> enqueue(h, delivery));

    assertThat(deliveryRow(delivery)).containsEntry("status", "pending")
        .containsEntry("next_attempt_at", NOW);
    assertThat(intake.reserved).isEmpty();
  }

  @Test
  void anOrganizationWithoutHookQueuesNothing() {
    jdbi.useHandle(h -> h.execute("UPDATE organizations SET webhook_url = NULL WHERE id = ?",
        org.id()));
    Outbox.Delivery delivery = newMessage(org.threadInA(), "nobody listens");

    jdbi.useTransaction(h -> enqueue(h, delivery));

    assertThat(deliveryCount(delivery)).isZero();
    assertThat(intake.reserved).isEmpty();
    assertThat(intake.committed).isEmpty();
  }

  @Test
  void handingAThreadOverGivesItsNextDeliveryAloneItsDueTime() {
    long thread = org.threadInA();
    Outbox.Delivery first = newMessage(thread, "first");
    Outbox.Delivery second = newMessage(thread, "second");
    Outbox.Delivery third = newMessage(thread, "third");
    jdbi.useTransaction(h -> enqueue(h, first, second, third));
    // The first settles, then hands over.
    settleWithoutHandingOver(first);

    int handedOver = jdbi.withHandle(h -> h.createUpdate(DeliveryStore.HAND_OVER)
        .bind(0, NOW + 5).bind(1, thread).bind(2, thread).execute());

    assertThat(handedOver).isEqualTo(1);
    assertThat(deliveryRow(second)).containsEntry("status", "pending")
        .containsEntry("next_attempt_at", NOW + 5);
    assertThat(deliveryRow(third)).containsEntry("next_attempt_at", null);
  }

  /**
   * A turn records every attempt, and the outcome of each delivery whose lease this node still
   * holds: delivered and failed ones settle and hand their thread over to its next delivery, a
   * retry keeps its thread waiting, and one taken over by another node is left to that node.
   */
  @Test
  void aTurnRecordsEachOutcomeWhereItHoldsTheLeaseAndHandsSettledThreadsOver() {
    DeliveryStore store = new DeliveryStore(jdbi, server.database().dialect());
    long at = NOW + 10;
    // As a dispatcher's turn records them (that claims nothing, and has no room for more).
    recordsEachOutcomeWhereItHoldsTheLease(at, settlements -> store.cycle(intake.node(),
        settlements, Set.of(), at, at + 60_000, 0, Set.of(), noRoom()).owned());
  }

  /** The same, one transaction for the outcomes alone: after a turn failed, and at shutdown. */
  @Test
  void outcomesRecordedOutsideATurnAreRecordedAlike() {
    DeliveryStore store = new DeliveryStore(jdbi, server.database().dialect());
    recordsEachOutcomeWhereItHoldsTheLease(NOW + 10,
        settlements -> store.completeAll(intake.node(), settlements));
  }

  private void recordsEachOutcomeWhereItHoldsTheLease(long at,
      Function<List<DeliveryStore.Settlement>, List<Boolean>> recorder) {
    List<Long> more = threadsQueueingNothing(2);
    List<Outbox.Delivery[]> threads = new ArrayList<>();
    List<ClaimedDelivery> taken = new ArrayList<>();
    for (long thread : List.of(org.threadInA(), org.threadInB(), more.get(0), more.get(1))) {
      Outbox.Delivery[] two = backlog(thread, 2);
      jdbi.useTransaction(h -> enqueue(h, two));
      threads.add(two);
      taken.add(intake.committed.getLast().taken().getFirst());
    }
    jdbi.useHandle(h -> h.execute("UPDATE webhook_deliveries SET lease_owner = 'another-node'"
        + " WHERE id = ?", taken.get(3).id()));
    AttemptResult ok = new AttemptResult(NOW, 3, 204, "thanks", null, null);
    AttemptResult busy = new AttemptResult(NOW, 5, 503, null, null, null);
    AttemptResult refused = new AttemptResult(NOW, 1, null, null, "could not connect", null);

    List<Boolean> owned = recorder.apply(List.of(
        new DeliveryStore.Settlement(taken.get(0), ok, new DeliveryStore.Outcome.Delivered(), at),
        new DeliveryStore.Settlement(taken.get(1), busy,
            new DeliveryStore.Outcome.RetryAt(NOW + 1000, 1), at),
        new DeliveryStore.Settlement(taken.get(2), refused, new DeliveryStore.Outcome.Failed(4),
            at),
        new DeliveryStore.Settlement(taken.get(3), ok, new DeliveryStore.Outcome.Delivered(),
            at)));

    assertThat(owned).containsExactly(true, true, true, false);
    assertThat(settledColumns(threads.get(0)[0]))
        .containsExactly("delivered", null, 0, at, null, null, 204, null);
    assertThat(deliveryRow(threads.get(0)[1])).as("handed over")
        .containsEntry("next_attempt_at", at);
    assertThat(settledColumns(threads.get(1)[0]))
        .containsExactly("retry_scheduled", NOW + 1000, 1, null, null, threads.get(1)[0]
            .threadId(), 503, "HTTP 503");
    assertThat(deliveryRow(threads.get(1)[1])).as("still behind the retry")
        .containsEntry("next_attempt_at", null);
    assertThat(settledColumns(threads.get(2)[0]))
        .containsExactly("failed", null, 4, null, at, null, null, "could not connect");
    assertThat(deliveryRow(threads.get(2)[1])).as("handed over")
        .containsEntry("next_attempt_at", at);
    assertThat(deliveryRow(threads.get(3)[0])).as("left to the node that took it over")
        .containsEntry("status", "in_flight").containsEntry("lease_owner", "another-node");
    assertThat(deliveryRow(threads.get(3)[1])).containsEntry("next_attempt_at", null);
    List<String> attempts = jdbi.withHandle(h -> h.createQuery("SELECT delivery_id, attempt,"
                + " node, url, duration_ms, response_status, response_body, error"
                + " FROM webhook_attempts WHERE delivery_id = ANY(:ids) ORDER BY delivery_id")
            .bindArray("ids", Long.class, taken.stream().map(ClaimedDelivery::id).toList())
            .map((rs, ctx) -> rs.getLong(1) + " #" + rs.getInt(2) + " " + rs.getString(3) + " "
                + rs.getString(4) + " " + rs.getLong(5) + " ms " + rs.getObject(6) + " "
                + rs.getString(7) + " " + rs.getString(8))
            .list());
    assertThat(attempts).as("every attempt, the one whose lease was lost too")
        .containsExactly(
            taken.get(0).id() + " #1 " + intake.node() + " " + HOOK + " 3 ms 204 thanks null",
            taken.get(1).id() + " #1 " + intake.node() + " " + HOOK + " 5 ms 503 null null",
            taken.get(2).id() + " #1 " + intake.node() + " " + HOOK
                + " 1 ms null null could not connect",
            taken.get(3).id() + " #1 " + intake.node() + " " + HOOK + " 3 ms 204 thanks null");
  }

  /**
   * A turn that records a thread's delivery as delivered hands the thread over to its next
   * delivery. On PostgreSQL it takes that one straight into flight for this node, when the hook
   * has room here and is still the URL the delivered one went to: one update of its row instead
   * of a hand-over and a claim. Otherwise — no room, another URL, a failure — it makes it due, as
   * H2 always does (H2 claims it in the same turn).
   */
  @Test
  void aDeliveredThreadsNextDeliveryIsTakenStraightIntoFlightWhereItsHookHasRoom() {
    List<Long> more = threadsQueueingNothing(3);
    long fourth = more.get(1);
    // Each thread's first delivery taken as it is written, the others waiting behind it; the
    // fourth thread has nothing behind its first.
    List<Outbox.Delivery[]> threads = new ArrayList<>();
    List<ClaimedDelivery> taken = new ArrayList<>();
    for (long thread : List.of(org.threadInA(), org.threadInB(), more.get(0), fourth,
        more.get(2))) {
      Outbox.Delivery[] backlog = backlog(thread, thread == fourth ? 1 : 3);
      jdbi.useTransaction(h -> enqueue(h, backlog));
      threads.add(backlog);
      taken.add(intake.committed.getLast().taken().getFirst());
    }
    ClaimedDelivery toOldUrl = taken.get(4);
    taken.set(4, new ClaimedDelivery(toOldUrl.id(), toOldUrl.organizationId(),
        toOldUrl.threadId(), toOldUrl.sequence(), toOldUrl.attempt(), toOldUrl.scheduleStep(),
        toOldUrl.queuedAt(), "http://127.0.0.1:9/old-hook", toOldUrl.secrets(),
        toOldUrl.payload()));
    AttemptResult ok = new AttemptResult(NOW, 3, 204, null, null, null);
    AttemptResult refused = new AttemptResult(NOW, 1, null, null, "could not connect", null);
    DeliveryStore store = new DeliveryStore(jdbi, server.database().dialect());
    long turn = NOW + 10;
    long leaseUntil = turn + 60_000;
    // The second thread's hook has no room here.
    Room room = new Room(organization -> false, true) {
      @Override
      public boolean admitNext(long organizationId, String url) {
        return super.admitNext(organizationId, url) && asked.size() != 2;
      }
    };

    DeliveryStore.Cycle cycle = store.cycle(intake.node(), List.of(
            new DeliveryStore.Settlement(taken.get(0), ok,
                new DeliveryStore.Outcome.Delivered(), NOW + 1),
            new DeliveryStore.Settlement(taken.get(1), ok,
                new DeliveryStore.Outcome.Delivered(), NOW + 1),
            new DeliveryStore.Settlement(taken.get(2), refused,
                new DeliveryStore.Outcome.Failed(4), NOW + 1),
            new DeliveryStore.Settlement(taken.get(3), ok,
                new DeliveryStore.Outcome.Delivered(), NOW + 1),
            new DeliveryStore.Settlement(taken.get(4), ok,
                new DeliveryStore.Outcome.Delivered(), NOW + 1)),
        Set.of(), turn, leaseUntil, 0, Set.of(), room);

    assertThat(cycle.owned()).containsExactly(true, true, true, true, true);
    if (store.handsOverOnward()) {
      assertThat(cycle.takenNext()).singleElement().satisfies(next -> {
        assertThat(next.payload()).isEqualTo(threads.get(0)[1].payload());
        assertThat(next.attempt()).isEqualTo(1);
        assertThat(next.url()).isEqualTo(HOOK);
        assertThat(next.secrets()).isEqualTo(taken.get(0).secrets());
      });
      assertThat(deliveryRow(threads.get(0)[1])).containsEntry("status", "in_flight")
          .containsEntry("lease_owner", intake.node()).containsEntry("attempts", 1)
          .containsEntry("next_attempt_at", leaseUntil).containsEntry("last_attempt_at", turn);
      assertThat(room.asked).as("the failure's thread is not asked for, the last two withdrawn")
          .containsExactly("admit " + HOOK, "admit " + HOOK, "admit " + HOOK,
              "admit http://127.0.0.1:9/old-hook", "withdraw " + HOOK,
              "withdraw http://127.0.0.1:9/old-hook");
      for (int made : new int[] {1, 2, 4}) {
        assertThat(deliveryRow(threads.get(made)[1])).as("thread %d's next made due", made)
            .containsEntry("status", "pending").containsEntry("next_attempt_at", turn);
      }
    } else {
      assertThat(cycle.takenNext()).isEmpty();
      assertThat(room.asked).isEmpty();
      for (int made : new int[] {0, 1, 2, 4}) {
        assertThat(deliveryRow(threads.get(made)[1])).as("thread %d's next made due", made)
            .containsEntry("status", "pending").containsEntry("next_attempt_at", NOW + 1);
      }
    }
    for (int waiting : new int[] {0, 1, 2, 4}) {
      assertThat(deliveryRow(threads.get(waiting)[2])).as("thread %d's third waits", waiting)
          .containsEntry("status", "pending").containsEntry("next_attempt_at", null);
    }
  }

  /**
   * More threads of the organization, opened (each with a customer's message) while it has no
   * hook, so they queue nothing.
   */
  private List<Long> threadsQueueingNothing(int count) {
    jdbi.useHandle(h -> h.execute("UPDATE organizations SET webhook_url = NULL WHERE id = ?",
        org.id()));
    List<Long> threads = IntStream.range(0, count)
        .mapToObj(i -> TestOrganization.customerSays(server,
            i % 2 == 0 ? org.channelKeyA() : org.channelKeyB(), "customer-" + i, "hi"))
        .toList();
    jdbi.useHandle(h -> h.execute("UPDATE organizations SET webhook_url = ? WHERE id = ?", HOOK,
        org.id()));
    return threads;
  }

  /** A node with no room for anything. */
  private static Room noRoom() {
    return new Room(organization -> false, false);
  }

  /**
   * A node's room as a turn asks for it: candidates of the organizations it admits, the next
   * deliveries of delivered threads if it has room for them; what it was asked, in order.
   */
  private static class Room implements DeliveryStore.Admission {
    final List<String> asked = new ArrayList<>();
    private final LongPredicate admits;
    private final boolean admitsNext;

    Room(LongPredicate admits, boolean admitsNext) {
      this.admits = admits;
      this.admitsNext = admitsNext;
    }

    @Override
    public boolean admit(long deliveryId, long organizationId, String url) {
      return admits.test(organizationId);
    }

    @Override
    public void withdraw(long deliveryId) {}

    @Override
    public void withoutHook(long organizationId) {}

    @Override
    public boolean admitNext(long organizationId, String url) {
      asked.add("admit " + url);
      return admitsNext;
    }

    @Override
    public void withdrawNext(long organizationId, String url) {
      asked.add("withdraw " + url);
    }
  }

  /**
   * What settling wrote: status, due time, schedule step, delivered and failed times, the
   * unsettled thread, the last response's status and the last error.
   */
  private List<Object> settledColumns(Outbox.Delivery delivery) {
    return jdbi.withHandle(h -> h.createQuery("SELECT status, next_attempt_at, schedule_step,"
            + " delivered_at, failed_at, unsettled_thread_id, last_response_status, last_error"
            + " FROM webhook_deliveries WHERE message_id = :message")
        .bind("message", delivery.payload().messageId())
        .map((rs, ctx) -> Arrays.<Object>asList(rs.getString(1),
            rs.getObject(2, Long.class), rs.getInt(3), rs.getObject(4, Long.class),
            rs.getObject(5, Long.class), rs.getObject(6, Long.class),
            rs.getObject(7, Integer.class), rs.getString(8)))
        .one());
  }

  /**
   * The safety net (the dispatcher runs it every 30 s) finds each thread whose head waits for
   * nothing, past backlogs longer than a page of its walk, and makes those heads alone due.
   */
  @Test
  void theSafetyNetMakesDueTheHeadsOfStrandedThreadsAlone() {
    Outbox.Delivery[] healthy = backlog(org.threadInA(), 70);
    Outbox.Delivery[] shallow = backlog(org.threadInB(), 3);
    long third = TestOrganization.customerSays(server, org.channelKeyA(), "customer-c", "hi");
    Outbox.Delivery[] deep = backlog(third, DeliveryStore.HEADS_PAGE + 6);
    intake.room = false;
    jdbi.useTransaction(h -> enqueue(h, healthy));
    jdbi.useTransaction(h -> enqueue(h, shallow));
    jdbi.useTransaction(h -> enqueue(h, deep));
    // Two hand-overs lost: the second thread's first delivery settled alone, and the third's
    // first two (its customer's "hi", queued as it was written, and the backlog's first).
    settleWithoutHandingOver(shallow[0]);
    settleWithoutHandingOver(deep[0]);
    DeliveryStore store = new DeliveryStore(jdbi, server.database().dialect());

    assertThat(store.handOverStranded(NOW + 5)).isEqualTo(2);
    assertThat(deliveryRow(shallow[1])).containsEntry("next_attempt_at", NOW + 5);
    assertThat(deliveryRow(deep[1])).containsEntry("next_attempt_at", NOW + 5);
    assertThat(deliveryRow(shallow[2])).containsEntry("next_attempt_at", null);
    assertThat(deliveryRow(deep[2])).containsEntry("next_attempt_at", null);
    assertThat(deliveryRow(healthy[0])).containsEntry("next_attempt_at", NOW);
    assertThat(deliveryRow(healthy[1])).containsEntry("next_attempt_at", null);
    assertThat(store.handOverStranded(NOW + 6)).as("nothing stranded any more").isZero();
  }

  /**
   * Pruning walks the deliveries from the oldest a batch at a time: it deletes those delivered
   * before the retention's start, steps over the others, and is done at the first one queued
   * after it — however many deliveries come after that, and however many the walk deletes.
   */
  @Test
  void pruningWalksFromTheOldestAndStopsAtTheFirstQueuedAfterTheRetention() {
    intake.room = false;
    Outbox.Delivery[] old = backlog(org.threadInA(), 4);
    jdbi.useTransaction(h -> enqueue(h, old));
    Outbox.Delivery recent = newMessage(org.threadInB(), "recent");
    jdbi.useTransaction(h -> enqueue(h, recent));
    jdbi.useHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET status = 'delivered',"
            + " delivered_at = :at, next_attempt_at = NULL, unsettled_thread_id = NULL"
            + " WHERE message_id IN (<messages>)")
        .bind("at", NOW + 1)
        .bindList("messages", List.of(old[0].payload().messageId(),
            old[1].payload().messageId(), old[2].payload().messageId()))
        .execute());
    jdbi.useHandle(h -> h.execute("UPDATE webhook_deliveries SET created_at = ?"
        + " WHERE message_id = ?", NOW + 20, recent.payload().messageId()));
    long before = NOW + 10;
    long first = (Long) deliveryRow(old[0]).get("id");
    DeliveryStore store = new DeliveryStore(jdbi, server.database().dialect());

    DeliveryStore.Pruned step1 = store.pruneDelivered(before, first - 1, 2);
    DeliveryStore.Pruned step2 = store.pruneDelivered(before, step1.lastId(), 2);
    DeliveryStore.Pruned step3 = store.pruneDelivered(before, step2.lastId(), 2);

    assertThat(step1).isEqualTo(new DeliveryStore.Pruned(2, first + 1, false));
    assertThat(step2).as("the third deleted, the unsettled fourth stepped over")
        .isEqualTo(new DeliveryStore.Pruned(1, first + 3, false));
    assertThat(step3).as("done at the delivery queued after the retention's start")
        .isEqualTo(new DeliveryStore.Pruned(0, first + 3, true));
    assertThat(deliveryCount(old[0]) + deliveryCount(old[1]) + deliveryCount(old[2])).isZero();
    assertThat(deliveryRow(old[3])).containsEntry("status", "pending");
    assertThat(deliveryCount(recent)).isEqualTo(1);
  }

  /**
   * Settles a delivery and those before it in its thread, as the dispatcher's SETTLE leaves a
   * delivered row, without the thread's hand-over.
   */
  private void settleWithoutHandingOver(Outbox.Delivery delivery) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET status = 'delivered',"
            + " next_attempt_at = NULL, unsettled_thread_id = NULL"
            + " WHERE thread_id = :thread AND sequence <= :sequence")
        .bind("thread", delivery.threadId()).bind("sequence", delivery.sequence()).execute());
  }

  protected Outbox.Delivery[] backlog(long threadId, int messages) {
    return IntStream.range(0, messages).mapToObj(i -> newMessage(threadId, "message " + i))
        .toArray(Outbox.Delivery[]::new);
  }

  protected void enqueue(Handle h, Outbox.Delivery... deliveries) {
    // As the writer does: the threads' rows are locked first.
    h.createQuery("SELECT id FROM customer_threads WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
        .bindArray("ids", Long.class, List.of(deliveries).stream()
            .map(Outbox.Delivery::threadId).distinct().sorted().toList())
        .mapTo(Long.class).list();
    outbox.enqueueAll(h, List.of(deliveries), NOW);
  }

  /** A message row of the thread (the delivery's foreign key), with its webhook payload. */
  protected Outbox.Delivery newMessage(long threadId, String body) {
    return jdbi.inTransaction(h -> {
      long sequence = h.createQuery("SELECT COALESCE(MAX(sequence), 0) + 1 FROM messages"
          + " WHERE thread_id = :thread").bind("thread", threadId).mapTo(Long.class).one();
      long id = h.createUpdate("INSERT INTO messages (thread_id, sequence, created_at,"
              + " from_customer, body, invisible) VALUES (:thread, :sequence, :now, TRUE, :body,"
              + " FALSE)")
          .bind("thread", threadId).bind("sequence", sequence).bind("now", NOW)
          .bind("body", body)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      long customer = h.createQuery("SELECT customer_id FROM customer_threads WHERE id = :id")
          .bind("id", threadId).mapTo(Long.class).one();
      return new Outbox.Delivery(sequence, new WebhookMessage(Long.toString(customer), threadId,
          NOW, null, id, body, org.id(), null, null, null, null, true, null, false,
          WebhookMessage.PROSPECT));
    });
  }

  protected Map<String, Object> deliveryRow(Outbox.Delivery delivery) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, status, attempts, next_attempt_at,"
            + " lease_owner, last_attempt_at FROM webhook_deliveries WHERE message_id = :message")
        .bind("message", delivery.payload().messageId())
        .map((rs, ctx) -> {
          Map<String, Object> row = new java.util.HashMap<>();
          row.put("id", rs.getLong("id"));
          row.put("status", rs.getString("status"));
          row.put("attempts", rs.getInt("attempts"));
          row.put("next_attempt_at", rs.getObject("next_attempt_at", Long.class));
          row.put("lease_owner", rs.getString("lease_owner"));
          row.put("last_attempt_at", rs.getObject("last_attempt_at", Long.class));
          return row;
        })
        .one());
  }

  private long deliveryCount(Outbox.Delivery delivery) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE message_id = :message")
        .bind("message", delivery.payload().messageId()).mapTo(Long.class).one());
  }

  /** An intake that has room (or not, as told) and writes down what it is told. */
  private static final class RecordingIntake implements Outbox.Intake {
    record Committed(
        List<ClaimedDelivery> taken, Set<Long> organizationsDue, Set<Long> queuedBehind) {}

    boolean room = true;
    final List<Long> answered = new ArrayList<>();
    final List<List<Long>> answeredAskedFor = new ArrayList<>();
    final List<String> reserved = new ArrayList<>();
    final List<String> unreserved = new ArrayList<>();
    final List<Committed> committed = new ArrayList<>();

    @Override
    public boolean reserve(long organizationId, String url, long now) {
      reserved.add(organizationId + " " + url);
      return room;
    }

    @Override
    public void unreserve(long organizationId, String url) {
      unreserved.add(organizationId + " " + url);
    }

    @Override
    public void committed(List<ClaimedDelivery> taken, Set<Long> organizationsDue,
        Set<Long> queuedBehind, long lookedInTurn) {
      committed.add(new Committed(List.copyOf(taken), Set.copyOf(organizationsDue),
          Set.copyOf(queuedBehind)));
    }

    @Override
    public List<Long> answered(List<Long> threads) {
      answeredAskedFor.add(List.copyOf(threads));
      return List.copyOf(answered);
    }

    @Override
    public long turn() {
      return 7;
    }

    @Override
    public String node() {
      return "outbox-test-node";
    }

    @Override
    public long leaseUntil(long now) {
      return now + 60_000;
    }
  }
}
