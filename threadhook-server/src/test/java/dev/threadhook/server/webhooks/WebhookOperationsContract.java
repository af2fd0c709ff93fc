package dev.threadhook.server.webhooks;

import static dev.threadhook.server.testing.RecordingReceiver.Answer.hang;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.ok;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.status;
import static dev.threadhook.server.testing.WebhookFixtures.awaitDeliveryState;
import static dev.threadhook.server.testing.WebhookFixtures.botSays;
import static dev.threadhook.server.testing.WebhookFixtures.deliveryOf;
import static dev.threadhook.server.testing.WebhookFixtures.setHookUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.server.testing.HookedOrganizationContract;
import dev.threadhook.server.testing.Http;
import dev.threadhook.server.testing.RecordingReceiver;
import dev.threadhook.server.testing.RecordingReceiver.Request;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import dev.threadhook.server.testing.WebhookFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operating a webhook over the API: its state, its deliveries and attempts, redelivery, metrics. */
abstract class WebhookOperationsContract extends HookedOrganizationContract {
  @Override
  protected boolean hookedFromTheStart() {
    return false;
  }

  private Http http;

  @BeforeEach
  void httpOfTheServer() {
    http = server.http();
  }

  @Test
  void webhookStateAnswersWhereItGoesHowItIsDoingAndWhatWaits() {
    JsonNode unset = http.get("/api/webhook").token(org.botToken()).send().assertCode(200).json();
    assertThat(unset.path("businessId").asLong()).isEqualTo(org.id());
    assertThat(unset.path("url").isNull()).isTrue();
    assertThat(unset.path("active").asBoolean()).isFalse();
    assertThat(unset.path("disabledReason").asText()).contains("no hook url is set");
    assertThat(unset.path("secret").asText()).startsWith("whsec_");
    assertThat(unset.path("pendingDeliveries").asLong()).isZero();
    assertThat(unset.path("oldestPendingAgeMillis").isNull()).isTrue();
    assertThat(unset.path("lastSuccessAt").isNull()).isTrue();

    receiver.enqueue(status(500));
    setHookUrl(server, org.botToken(), receiver.url());
    long delivered = botSays(server, org.botToken(), org.threadInA(), "one", false);
    awaitDeliveryState(server, org.botToken(), delivered, "delivered");
    receiver.respondWith(r -> status(503));
    long waiting = botSays(server, org.botToken(), org.threadInB(), "two", false);
    JsonNode[] answer = new JsonNode[1];
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      answer[0] = http.get("/api/webhook").token(org.adminToken()).send().assertCode(200).json();
      assertThat(answer[0].path("lastError").asText()).isEqualTo("HTTP 503");
    });

    JsonNode state = answer[0];
    long now = System.currentTimeMillis();
    assertThat(state.path("url").asText()).isEqualTo(receiver.url());
    assertThat(state.path("active").asBoolean()).isTrue();
    assertThat(state.path("disabledReason").isNull()).isTrue();
    assertThat(state.path("pendingDeliveries").asLong()).isEqualTo(1);
    assertThat(state.path("oldestPendingAt").asLong())
        .isEqualTo(deliveryOf(server, org.botToken(), waiting).path("createdAt").asLong());
    assertThat(state.path("oldestPendingAgeMillis").asLong()).isBetween(0L, 10_000L);
    assertThat(state.path("lastSuccessAt").asLong()).isCloseTo(now, within(10_000L));
    assertThat(state.path("lastErrorAt").asLong()).isCloseTo(now, within(10_000L));
  }

  @Test
  void onlyAdminsAndBotsOperateTheWebhook() {
    List<Http.Call> calls = List.of(
        http.get("/api/webhook"),
        http.post("/api/webhook/rotate-secret"),
        http.post("/api/webhook/pause"),
        http.post("/api/webhook/resume"),
        http.get("/api/webhook-deliveries"),
        http.get("/api/webhook-deliveries/1"),
        http.post("/api/webhook-deliveries/1/redeliver"),
        http.post("/api/webhook-deliveries/redeliver-failed").json("{\"since\":0}"),
        http.post("/api/update-hook-url").json("{\"url\":\"https://example.com/hook\"}"));
    for (Http.Call call : calls) {
      call.token(org.agentToken()).send()
          .assertError(403, "forbidden", "only an admin's or a bot's token may");
      call.token(null).send().assertError(401, "unauthorized", "token");
    }
    http.get("/api/webhook-deliveries").token(org.adminToken()).send().assertCode(200);
    http.get("/api/webhook-deliveries").token(org.botToken()).send().assertCode(200);
  }

  @Test
  void deliveriesAreListedNewestFirstWithFiltersAndACursor() {
    setHookUrl(server, org.botToken(), receiver.url());
    List<Long> inA = new ArrayList<>();
    for (int i = 0; i < 5; i++) inA.add(botSays(server, org.botToken(), org.threadInA(), "a" + i, false));
    receiver.respondWith(r -> r.messageBody().equals("b") ? status(500) : ok());
    long inB = botSays(server, org.botToken(), org.threadInB(), "b", false);
    awaitDeliveryState(server, org.botToken(), inB, "failed");
    awaitDeliveryState(server, org.botToken(), inA.get(4), "delivered");

    List<Long> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = http.get("/api/webhook-deliveries?limit=2"
              + (cursor == null ? "" : "&cursor=" + cursor))
          .token(org.botToken()).send().assertCode(200).json();
      assertThat(page.path("items").size()).isLessThanOrEqualTo(2);
      page.path("items").forEach(item -> seen.add(item.path("messageId").asLong()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
    } while (cursor != null);
    List<Long> newestFirst = new ArrayList<>(List.of(inB));
    for (int i = 4; i >= 0; i--) newestFirst.add(inA.get(i));
    assertThat(seen).containsExactlyElementsOf(newestFirst);

    JsonNode failed = http.get("/api/webhook-deliveries?status=failed").token(org.botToken())
        .send().assertCode(200).json().path("items");
    assertThat(failed).singleElement().satisfies(d -> {
      assertThat(d.path("messageId").asLong()).isEqualTo(inB);
      assertThat(d.path("status").asText()).isEqualTo("failed");
      assertThat(d.path("webhookId").asText()).isEqualTo("msg_" + inB);
      assertThat(d.path("customerThreadId").asLong()).isEqualTo(org.threadInB());
      assertThat(d.path("attempts")).isEmpty();
    });
    assertThat(http.get("/api/webhook-deliveries?status=delivered&threadId=" + org.threadInA())
        .token(org.botToken()).send().json().path("items")).hasSize(5);
    assertThat(http.get("/api/webhook-deliveries?threadId=" + org.threadInB())
        .token(org.botToken()).send().json().path("items")).hasSize(1);
    assertThat(http.get("/api/webhook-deliveries?status=pending").token(org.botToken())
        .send().json().path("items")).isEmpty();
  }

  @Test
  void badListingParametersAreClearErrors() {
    http.get("/api/webhook-deliveries?status=closed").token(org.botToken()).send()
        .assertError(400, "invalid_request", "status must be one of pending, delivered, failed,"
            + " in_flight, retry_scheduled but was 'closed'");
    http.get("/api/webhook-deliveries?threadId=abc").token(org.botToken()).send()
        .assertError(400, "invalid_request", "threadId must be a positive integer but was 'abc'");
    http.get("/api/webhook-deliveries?cursor=-4").token(org.botToken()).send()
        .assertError(400, "invalid_request", "cursor must be a positive integer");
    http.get("/api/webhook-deliveries?limit=1000").token(org.botToken()).send()
        .assertError(400, "invalid_request", "limit must be between 1 and 200");
  }

  @Test
  void aDeliveryShowsEveryAttemptWithTheFirst4KiBOfTheAnswer() {
    receiver.enqueue(status(500, "x".repeat(10_000)), status(200, "thanks"));
    setHookUrl(server, org.botToken(), receiver.url());
    long id = botSays(server, org.botToken(), org.threadInA(), "look at me", false);

    JsonNode delivery = awaitDeliveryState(server, org.botToken(), id, "delivered");

    assertThat(delivery.path("messageId").asLong()).isEqualTo(id);
    assertThat(delivery.path("sequence").asLong()).isGreaterThan(0);
    assertThat(delivery.path("deliveredAt").asLong())
        .isCloseTo(System.currentTimeMillis(), within(10_000L));
    assertThat(delivery.path("nextAttemptAt").isNull()).isTrue();
    JsonNode attempts = delivery.path("attempts");
    assertThat(attempts).hasSize(2);
    JsonNode first = attempts.get(0);
    assertThat(first.path("attempt").asInt()).isEqualTo(1);
    assertThat(first.path("responseStatus").asInt()).isEqualTo(500);
    assertThat(first.path("responseBody").asText()).isEqualTo("x".repeat(4096));
    assertThat(first.path("error").isNull()).isTrue();
    assertThat(first.path("durationMillis").asLong()).isBetween(0L, 1000L);
    assertThat(first.path("startedAt").asLong())
        .isCloseTo(System.currentTimeMillis(), within(10_000L));
    assertThat(first.path("url").asText()).isEqualTo(receiver.url());
    assertThat(attempts.get(1).path("attempt").asInt()).isEqualTo(2);
    assertThat(attempts.get(1).path("responseBody").asText()).isEqualTo("thanks");
  }

  @Test
  void redeliverSendsTheSameWebhookIdAgain() {
    setHookUrl(server, org.botToken(), receiver.url());
    long id = botSays(server, org.botToken(), org.threadInA(), "again", false);
    long deliveryId = awaitDeliveryState(server, org.botToken(), id, "delivered").path("id").asLong();

    JsonNode requeued = http.post("/api/webhook-deliveries/" + deliveryId + "/redeliver")
        .token(org.adminToken()).send().assertCode(200).json();

    assertThat(requeued.path("id").asLong()).isEqualTo(deliveryId);
    assertThat(requeued.path("status").asText()).isEqualTo("pending");
    List<Request> requests = receiver.awaitRequests(2);
    assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly("msg_" + id);
    assertThat(requests.get(1).header("webhook-attempt")).isEqualTo("2");
    assertThat(awaitDeliveryState(server, org.botToken(), id, "delivered").path("attempts"))
        .hasSize(2);
  }

  @Test
  void aDeliveryInFlightCannotBeRedeliveredYet() {
    receiver.enqueue(hang());
    setHookUrl(server, org.botToken(), receiver.url());
    long id = botSays(server, org.botToken(), org.threadInA(), "slow", false);
    receiver.takeRequest();
    long deliveryId = deliveryOf(server, org.botToken(), id).path("id").asLong();

    http.post("/api/webhook-deliveries/" + deliveryId + "/redeliver").token(org.botToken())
        .send().assertError(409, "delivery_in_flight", "is being attempted right now");
  }

  @Test
  void anotherOrganizationsDeliveryDoesNotExistHere() {
    setHookUrl(server, org.botToken(), receiver.url());
    long id = botSays(server, org.botToken(), org.threadInA(), "mine", false);
    long deliveryId = awaitDeliveryState(server, org.botToken(), id, "delivered").path("id").asLong();
    TestOrganization other = TestOrganization.create(server.server(), "other-" + UUID.randomUUID());

    http.get("/api/webhook-deliveries/" + deliveryId).token(other.botToken()).send()
        .assertError(404, "not_found", "webhook delivery " + deliveryId + " does not exist");
    http.post("/api/webhook-deliveries/" + deliveryId + "/redeliver").token(other.botToken())
        .send().assertError(404, "not_found", "does not exist");
    http.get("/api/webhook-deliveries/abc").token(org.botToken()).send()
        .assertError(404, "not_found", "webhook delivery 'abc' does not exist");
    assertThat(http.get("/api/webhook-deliveries").token(other.botToken()).send().json()
        .path("items")).isEmpty();
  }

  @Test
  void redeliverFailedSendsEveryDeliveryThatFailedSinceATime() {
    receiver.respondWith(r -> status(500));
    setHookUrl(server, org.botToken(), receiver.url());
    long first = botSays(server, org.botToken(), org.threadInA(), "lost 1", false);
    long second = botSays(server, org.botToken(), org.threadInB(), "lost 2", false);
    awaitDeliveryState(server, org.botToken(), first, "failed");
    awaitDeliveryState(server, org.botToken(), second, "failed");
    receiver.respondWith(r -> ok());

    http.post("/api/webhook-deliveries/redeliver-failed").token(org.botToken())
        .json("{\"since\":" + (System.currentTimeMillis() + 60_000) + "}")
        .send().assertCode(200).json();
    JsonNode answer = http.post("/api/webhook-deliveries/redeliver-failed").token(org.botToken())
        .json("{\"since\":0}").send().assertCode(200).json();

    assertThat(answer.path("redelivered").asInt()).isEqualTo(2);
    awaitDeliveryState(server, org.botToken(), first, "delivered");
    awaitDeliveryState(server, org.botToken(), second, "delivered");
    http.post("/api/webhook-deliveries/redeliver-failed").token(org.botToken()).json("{}")
        .send().assertError(400, "invalid_request", "since is required");
    http.post("/api/webhook-deliveries/redeliver-failed").token(org.botToken())
        .json("{\"since\":\"yesterday\"}")
        .send().assertError(400, "invalid_request", "since must be epoch milliseconds");
  }

  @Test
  void changingTheUrlSendsPendingDeliveriesToTheNewUrl() {
    receiver.respondWith(r -> status(500));
    setHookUrl(server, org.botToken(), receiver.url());
    long id = botSays(server, org.botToken(), org.threadInA(), "moving", false);
    receiver.awaitRequests(1);

    try (RecordingReceiver moved = RecordingReceiver.start()) {
      setHookUrl(server, org.botToken(), moved.url());

      Request request = moved.takeRequest();
      assertThat(request.header("webhook-id")).isEqualTo("msg_" + id);
      JsonNode delivery = awaitDeliveryState(server, org.botToken(), id, "delivered");
      JsonNode attempts = delivery.path("attempts");
      assertThat(attempts.get(attempts.size() - 1).path("url").asText()).isEqualTo(moved.url());
    }
  }

  @Test
  void removingTheUrlKeepsWhatWasPendingForTheNextUrlAndQueuesNothingNew() {
    receiver.respondWith(r -> status(500));
    setHookUrl(server, org.botToken(), receiver.url());
    long kept = botSays(server, org.botToken(), org.threadInA(), "kept", false);
    receiver.awaitRequests(1);

    setHookUrl(server, org.botToken(), null);
    long notQueued = botSays(server, org.botToken(), org.threadInA(), "while unset", false);
    JsonNode state = http.get("/api/webhook").token(org.botToken()).send().json();
    assertThat(state.path("active").asBoolean()).isFalse();
    assertThat(state.path("pendingDeliveries").asLong()).isEqualTo(1);

    try (RecordingReceiver next = RecordingReceiver.start()) {
      setHookUrl(server, org.botToken(), next.url());
      assertThat(next.takeRequest().messageId()).isEqualTo(kept);
      awaitDeliveryState(server, org.botToken(), kept, "delivered");
      long after = botSays(server, org.botToken(), org.threadInA(), "after", false);
      assertThat(next.takeRequest().messageId()).isEqualTo(after);
      assertThat(next.requests()).extracting(Request::messageId).doesNotContain(notQueued);
    }
  }

  @Test
  void aPausedHookQueuesEveryMessageAndResumingSendsThemInOrder() {
    setHookUrl(server, org.botToken(), receiver.url());
    long before = botSays(server, org.botToken(), org.threadInA(), "before", false);
    assertThat(receiver.takeRequest().messageId()).isEqualTo(before);

    JsonNode paused = http.post("/api/webhook/pause").token(org.botToken()).send()
        .assertCode(200).json();
    assertThat(paused.path("active").asBoolean()).isFalse();
    assertThat(paused.path("disabledReason").asText()).startsWith("paused through the API");
    assertThat(paused.path("disabledAt").asLong())
        .isCloseTo(System.currentTimeMillis(), within(10_000L));
    List<Long> queued = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queued.add(botSays(server, org.botToken(), org.threadInA(), "while paused " + i, false));
    }
    queued.add(botSays(server, org.botToken(), org.threadInB(), "other thread", false));
    // Pausing again changes nothing, and nothing goes out while paused.
    http.post("/api/webhook/pause").token(org.adminToken()).send().assertCode(200);
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(receiver.requests()).hasSize(1));
    JsonNode waiting = http.get("/api/webhook").token(org.botToken()).send().json();
    assertThat(waiting.path("pendingDeliveries").asLong()).isEqualTo(4);
    assertThat(waiting.path("active").asBoolean()).isFalse();

    JsonNode resumed = http.post("/api/webhook/resume").token(org.adminToken()).send()
        .assertCode(200).json();
    assertThat(resumed.path("active").asBoolean()).isTrue();
    assertThat(resumed.path("disabledReason").isNull()).isTrue();
    receiver.awaitRequests(5);
    List<Long> threadA = receiver.requests().stream().skip(1)
        .filter(r -> r.json().path("customerThreadId").asLong() == org.threadInA())
        .map(Request::messageId).toList();
    assertThat(threadA).containsExactlyElementsOf(queued.subList(0, 3));
    for (long id : queued) awaitDeliveryState(server, org.botToken(), id, "delivered");
    JsonNode first = deliveryOf(server, org.botToken(), queued.get(0));
    assertThat(first.path("attempts").size()).as("no attempt was spent while paused").isEqualTo(1);
  }

  @Test
  void pausingOrResumingWithoutAHookUrlIsAConflict() {
    for (String action : List.of("pause", "resume")) {
      http.post("/api/webhook/" + action).token(org.botToken()).send()
          .assertError(409, "no_hook_url", "no hook url is set, so there is nothing to " + action);
    }
  }

  @Test
  void resumingLiftsA410sDisabling() {
    receiver.enqueue(status(410));
    setHookUrl(server, org.botToken(), receiver.url());
    long gone = botSays(server, org.botToken(), org.threadInA(), "gone", false);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        http.get("/api/webhook").token(org.botToken()).send().json().path("disabledReason")
            .asText()).contains("410"));

    http.post("/api/webhook/resume").token(org.botToken()).send().assertCode(200);

    awaitDeliveryState(server, org.botToken(), gone, "delivered");
    assertThat(receiver.requests()).extracting(Request::messageId).containsExactly(gone, gone);
  }

  @Test
  void metricsCountAttemptsDeliveriesLatencyPendingTurnsAndTakes() {
    receiver.enqueue(status(500));
    setHookUrl(server, org.botToken(), receiver.url());
    long id = botSays(server, org.botToken(), org.threadInA(), "measured", false);
    awaitDeliveryState(server, org.botToken(), id, "delivered");

    String metrics = http.get("/metrics").send().assertCode(200).body();

    assertThat(metrics)
        .containsPattern("threadhook_webhook_attempts_total\\{outcome=\"success\"} [1-9]")
        .containsPattern("threadhook_webhook_attempts_total\\{outcome=\"failure\"} [1-9]")
        .containsPattern("threadhook_webhook_deliveries_total\\{result=\"delivered\"} [1-9]")
        .contains("threadhook_webhook_deliveries_total{result=\"failed\"}")
        .containsPattern("threadhook_webhook_delivery_latency_seconds_count [1-9]")
        .contains("threadhook_webhook_delivery_latency_seconds_bucket")
        .contains("threadhook_webhook_attempt_duration_seconds_count")
        .containsPattern("threadhook_webhook_pending [0-9]")
        .contains("threadhook_webhook_in_flight ")
        .contains("threadhook_webhook_endpoints_paused ")
        // Both outcomes (the 500, then the 2xx) were recorded by the dispatcher's turns.
        .containsPattern("threadhook_webhook_dispatcher_turns_seconds_count [1-9]")
        .containsPattern("threadhook_webhook_dispatcher_turn_outcomes_sum ([2-9]|[1-9][0-9]+)\\.")
        // The first attempt was taken as the message was written, the retry by a claim.
        .containsPattern("threadhook_webhook_deliveries_taken_total\\{by=\"writer\"} [1-9]")
        .containsPattern("threadhook_webhook_deliveries_taken_total\\{by=\"claim\"} [1-9]");
  }

  @Test
  void deliveredRowsArePrunedAfterTheRetention() {
    try (TestServer pruning = WebhookFixtures.server(database(), WebhookFixtures.fast()
        .deliveredRetention(Duration.ZERO).pruneInterval(Duration.ofMillis(200)).build())) {
      TestOrganization pruned = TestOrganization.create(pruning.server(), "pruned");
      receiver.respondWith(r -> r.messageBody().equals("keep") ? status(500) : ok());
      setHookUrl(pruning, pruned.botToken(), receiver.url());
      long delivered = botSays(pruning, pruned.botToken(), pruned.threadInA(), "gone", false);
      long failed = botSays(pruning, pruned.botToken(), pruned.threadInB(), "keep", false);
      receiver.awaitRequests(2);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        JsonNode items = pruning.http().get("/api/webhook-deliveries").token(pruned.botToken())
            .send().json().path("items");
        assertThat(items).extracting(d -> d.path("messageId").asLong())
            .doesNotContain(delivered).containsExactly(failed);
        assertThat(items.get(0).path("status").asText()).isEqualTo("failed");
      });
    }
  }
}
