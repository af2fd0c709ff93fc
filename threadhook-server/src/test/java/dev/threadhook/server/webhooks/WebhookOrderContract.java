package dev.threadhook.server.webhooks;

import static dev.threadhook.server.testing.RecordingReceiver.Answer.delayed;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.ok;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.status;
import static dev.threadhook.server.testing.WebhookFixtures.botSays;
import static dev.threadhook.server.testing.WebhookFixtures.customerMessage;
import static dev.threadhook.server.testing.WebhookFixtures.customerSays;
import static dev.threadhook.server.testing.WebhookFixtures.setHookUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.api.WebhookMessage;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.HookedOrganizationContract;
import dev.threadhook.server.testing.RecordingReceiver.Request;
import dev.threadhook.server.testing.WebhookFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Order per thread: a message is not sent before the earlier messages of its thread were
 * acknowledged (or failed for good), while other threads go on.
 */
abstract class WebhookOrderContract extends HookedOrganizationContract {
  @Override
  protected WebhookConfig webhookConfig() {
    return WebhookFixtures.fast()
        .retrySchedule(new RetrySchedule(Collections.nCopies(100, Duration.ofMillis(50)), 0))
        .build();
  }

  @Test
  void keepsEveryThreadsOrderWhileTheHookFailsAtRandom() throws Exception {
    Random random = new Random(7);
    Map<Long, Integer> failuresSoFar = new HashMap<>();
    // The receiver's lock serializes these calls. At most 3 failures per message, so none fails
    // for good and every message must arrive.
    receiver.respondWith(r -> random.nextInt(100) < 35
        && failuresSoFar.merge(r.messageId(), 1, Integer::sum) <= 3 ? status(500) : ok());
    int threads = 6;
    int messagesPerThread = 8;

    Map<Long, List<Long>> sentByThread = Collections.synchronizedMap(new HashMap<>());
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String customer = "order-customer-" + t;
        running.add(senders.submit(() -> {
          JsonNode first = customerMessage(server, org.channelKeyA(), customer, "message 0");
          long thread = first.path("customerThreadId").asLong();
          List<Long> sent = new ArrayList<>(List.of(first.path("messageId").asLong()));
          for (int m = 1; m < messagesPerThread; m++) {
            sent.add(m % 2 == 0
                ? customerSays(server, org.channelKeyA(), customer, "message " + m)
                : botSays(server, org.botToken(), thread, "message " + m, m % 3 == 0));
          }
          sentByThread.put(thread, sent);
          return null;
        }));
      }
      for (Future<?> sender : running) sender.get();
    }

    Set<Long> all = new HashSet<>();
    sentByThread.values().forEach(all::addAll);
    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged(receiver.requests())
        .containsAll(all));
    assertOrderPerThread(receiver.requests(), sentByThread);
    assertThat(receiver.requests()).anyMatch(r -> !r.acknowledged());
  }

  @Test
  void aRetryingThreadDoesNotHoldBackTheOthers() {
    long stuckThread = org.threadInA();
    AtomicBoolean recovered = new AtomicBoolean();
    receiver.respondWith(r -> r.messageBody().equals("stuck") && !recovered.get()
        ? status(503) : ok());
    long stuck = botSays(server, org.botToken(), stuckThread, "stuck", false);
    long afterStuck = botSays(server, org.botToken(), stuckThread, "after stuck", false);
    long otherThread = org.threadInB();
    List<Long> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(botSays(server, org.botToken(), otherThread, "other " + i, false));
    }

    await().atMost(Duration.ofSeconds(10))
        .until(() -> acknowledged(receiver.requests()).containsAll(others));
    assertThat(acknowledged(receiver.requests())).doesNotContain(stuck, afterStuck);
    assertThat(receiver.requests()).extracting(Request::messageId).doesNotContain(afterStuck);

    recovered.set(true);
    await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged(receiver.requests())
        .containsAll(List.of(stuck, afterStuck)));
    assertOrderPerThread(receiver.requests(),
        Map.of(stuckThread, List.of(stuck, afterStuck), otherThread, others));
  }

  @Test
  void aMessageBehindAnUnsettledOneWaitsWithNoDueTimeThenGoesNext() {
    long thread = org.threadInA();
    AtomicBoolean recovered = new AtomicBoolean();
    receiver.respondWith(r -> r.messageBody().equals("first") && !recovered.get()
        ? status(503) : ok());
    long first = botSays(server, org.botToken(), thread, "first", false);
    await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.requests().isEmpty());
    long second = botSays(server, org.botToken(), thread, "second", false);
    long third = botSays(server, org.botToken(), thread, "third", true);

    JsonNode waiting = WebhookFixtures.deliveryOf(server, org.botToken(), second);
    assertThat(waiting.path("state").asText()).isEqualTo("pending");
    assertThat(waiting.path("nextAttemptAt").isNull()).isTrue();
    assertThat(WebhookFixtures.deliveryOf(server, org.botToken(), first).path("nextAttemptAt")
        .isNull()).isFalse();

    recovered.set(true);
    await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged(receiver.requests())
        .containsAll(List.of(first, second, third)));
    assertOrderPerThread(receiver.requests(), Map.of(thread, List.of(first, second, third)));
  }

  @Test
  void aMessageQueuedWhileTheOneBeforeItSettlesGoesOutAtOnce() {
    long thread = org.threadInA();
    receiver.enqueue(delayed(Duration.ofMillis(300), ok()));
    long first = botSays(server, org.botToken(), thread, "first", false);
    receiver.awaitRequests(1);
    Jdbi jdbi = server.server().database().jdbi();

    // A writer queues the second message behind the first, in flight, and has not committed
    // when the first's attempt ends and the dispatcher records it.
    long second;
    boolean firstSettledBeforeTheCommit;
    try (Handle writer = jdbi.open()) {
      writer.begin();
      Outbox.Delivery delivery = newMessage(writer, thread, "second");
      second = delivery.payload().messageId();
      server.server().webhooks().outbox()
          .enqueueAll(writer, List.of(delivery), System.currentTimeMillis());
      firstSettledBeforeTheCommit = delivered(jdbi, first, Duration.ofSeconds(3));
      writer.commit();
    }

    // H2 settles without the thread's row lock and hands the thread over again after the
    // writer's commit; PostgreSQL's settling waits for the writer's lock, then sees the second.
    assertThat(firstSettledBeforeTheCommit).isEqualTo(database() == DatabaseKind.H2);
    // Well within the 30 s after which the safety net would find it waiting for nothing.
    await().atMost(Duration.ofSeconds(5))
        .until(() -> acknowledged(receiver.requests()).contains(second));
    assertOrderPerThread(receiver.requests(), Map.of(thread, List.of(first, second)));
  }

  /** A message row of the thread, written as the writer does (its thread's row locked first). */
  private Outbox.Delivery newMessage(Handle writer, long thread, String body) {
    writer.createQuery("SELECT id FROM customer_threads WHERE id = :id FOR UPDATE")
        .bind("id", thread).mapTo(Long.class).one();
    long sequence = writer.createQuery("SELECT MAX(sequence) + 1 FROM messages"
        + " WHERE thread_id = :thread").bind("thread", thread).mapTo(Long.class).one();
    long now = System.currentTimeMillis();
    long id = writer.createUpdate("INSERT INTO messages (thread_id, sequence, created_at,"
            + " from_customer, user_id, body, invisible) VALUES (:thread, :sequence, :now, FALSE,"
            + " :user, :body, FALSE)")
        .bind("thread", thread).bind("sequence", sequence).bind("now", now)
        .bind("user", org.botUserId()).bind("body", body)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    long customer = writer.createQuery("SELECT customer_id FROM customer_threads WHERE id = :id")
        .bind("id", thread).mapTo(Long.class).one();
    return new Outbox.Delivery(sequence, new WebhookMessage(Long.toString(customer), thread, now,
        org.botUserId(), id, body, org.id(), null, null, null, null, false, null, false,
        WebhookMessage.PROSPECT));
  }

  /** Whether the message's delivery is recorded delivered within {@code atMost}. */
  private static boolean delivered(Jdbi jdbi, long messageId, Duration atMost) {
    try {
      await().atMost(atMost).until(() -> jdbi.withHandle(h -> h.createQuery(
              "SELECT status FROM webhook_deliveries WHERE message_id = :message")
          .bind("message", messageId).mapTo(String.class).one()).equals("delivered"));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  @Test
  void aWaitingDeliveryWithNothingBeforeItIsHandedOverBySafetyNet() {
    long thread = org.threadInA();
    receiver.respondWith(r -> status(503));
    long first = botSays(server, org.botToken(), thread, "first", false);
    long second = botSays(server, org.botToken(), thread, "second", false);
    // As if a hand-over had been lost: the first is settled, the second still waits.
    server.server().database().jdbi().useHandle(h -> h.execute("UPDATE webhook_deliveries"
        + " SET status = 'failed', failed_at = 1, next_attempt_at = 1, lease_owner = NULL,"
        + " unsettled_thread_id = NULL"
        + " WHERE message_id = ?", first));
    receiver.respondWith(r -> ok());
    DeliveryStore store = new DeliveryStore(server.server().database().jdbi(),
        server.server().database().dialect());

    assertThat(store.handOverStranded(System.currentTimeMillis())).isEqualTo(1);
    server.server().webhooks().wakeDispatcher();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> acknowledged(receiver.requests()).contains(second));
    assertThat(store.handOverStranded(System.currentTimeMillis())).isZero();
  }

  /**
   * For every request of a message, every earlier message of its thread was acknowledged by an
   * earlier request.
   */
  static void assertOrderPerThread(List<Request> requests, Map<Long, List<Long>> sentByThread) {
    Set<Long> acknowledged = new HashSet<>();
    Map<Long, List<Long>> earlier = new HashMap<>();
    sentByThread.forEach((thread, messages) -> {
      for (int i = 0; i < messages.size(); i++) {
        earlier.put(messages.get(i), messages.subList(0, i));
      }
    });
    for (Request request : requests) {
      long message = request.messageId();
      List<Long> before = earlier.getOrDefault(message, List.of());
      assertThat(acknowledged).as("messages acknowledged when message %s was sent (thread %s)",
          message, request.json().path("customerThreadId").asLong()).containsAll(before);
      if (request.acknowledged()) acknowledged.add(message);
    }
  }

  static Set<Long> acknowledged(List<Request> requests) {
    Set<Long> ids = new HashSet<>();
    for (Request request : requests) {
      if (request.acknowledged()) ids.add(request.messageId());
    }
    return ids;
  }

}
