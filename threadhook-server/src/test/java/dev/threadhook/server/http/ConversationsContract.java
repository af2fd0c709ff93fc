package dev.threadhook.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.Http;
import dev.threadhook.server.testing.ServerContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Threads and messages through the API: status rules, both parts, idempotency, reads, channels. */
abstract class ConversationsContract extends ServerContract {

  @Test
  void customerMessageOpensAWaitingThread() {
    JsonNode sent = customerSays("new-customer", "Hello, anyone there?");
    JsonNode thread = thread(sent.path("customerThreadId").asLong());
    assertThat(thread.path("status").asText()).isEqualTo("waiting");
    assertThat(thread.path("storeId").asLong()).isEqualTo(org.storeA());
    assertThat(thread.path("customer").path("id").asText()).isEqualTo(sent.path("customerId").asText());
    assertThat(thread.path("customer").path("customerType").asText()).isEqualTo("prospect");
  }

  @Test
  void publicReplyMakesThreadRepliedAndInternalNoteLeavesIt() {
    long thread = customerSays("status-rules", "Where is my order?").path("customerThreadId").asLong();
    send(thread, "Let me check.", null);
    assertThat(thread(thread).path("status").asText()).isEqualTo("replied");

    status(thread, "resolved");
    JsonNode note = send(thread, "Staff only: order was lost", true);
    assertThat(note.path("invisible").asBoolean()).isTrue();
    assertThat(thread(thread).path("status").asText()).isEqualTo("resolved");
  }

  @Test
  void customerMessageReopensResolvedThread() {
    long thread = customerSays("reopen", "First question").path("customerThreadId").asLong();
    status(thread, "resolved");
    long again = customerSays("reopen", "One more thing").path("customerThreadId").asLong();
    assertThat(again).as("same customer, same store: same thread").isEqualTo(thread);
    assertThat(thread(thread).path("status").asText()).isEqualTo("waiting");
  }

  @Test
  void sameCustomerInAnotherStoreGetsAnotherThread() {
    long inA = customerSays("two-stores", "hi A").path("customerThreadId").asLong();
    long inB = http().post("/api/channel/messages").token(org.channelKeyB())
        .json("{\"customer\":{\"externalId\":\"two-stores\"},\"text\":\"hi B\"}").send()
        .assertCode(200).json().path("customerThreadId").asLong();
    assertThat(inB).isNotEqualTo(inA);
  }

  @Test
  void threadIdMayBeAStringOrANumberAndInternalDefaultsToFalse() {
    long thread = customerSays("id-shapes", "hi").path("customerThreadId").asLong();
    JsonNode asString = http().post("/api/send-message-to-customer-thread").token(org.botToken())
        .json("{\"text\":\"as string\",\"customerThreadId\":\"" + thread + "\"}").send()
        .assertCode(200).json();
    JsonNode asNumber = http().post("/api/send-message-to-customer-thread").token(org.botToken())
        .json("{\"text\":\"as number\",\"customerThreadId\":" + thread + ",\"internal\":false}")
        .send().assertCode(200).json();
    assertThat(asString.path("invisible").asBoolean()).isFalse();
    assertThat(asNumber.path("customerThreadId").asLong()).isEqualTo(thread);
    assertThat(asNumber.path("sequence").asLong()).isEqualTo(asString.path("sequence").asLong() + 1);
  }

  @Test
  void messagesListsBothPartsInOrderWithAfterCursor() {
    long thread = customerSays("listing", "m1").path("customerThreadId").asLong();
    for (int i = 2; i <= 7; i++) send(thread, "m" + i, i % 2 == 0);
    List<String> bodies = new ArrayList<>();
    String after = "";
    int pages = 0;
    do {
      JsonNode page = http().get("/api/customer-threads/" + thread + "/messages?limit=3&after=" + after)
          .token(org.botToken()).send().assertCode(200).json();
      page.path("items").forEach(m -> bodies.add(m.path("body").asText()));
      after = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      pages++;
    } while (after != null);
    assertThat(bodies).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void threadsListFiltersByStatusAndStoreAndPages() {
    long waiting = customerSays("filter-w", "?").path("customerThreadId").asLong();
    long resolved = customerSays("filter-r", "?").path("customerThreadId").asLong();
    status(resolved, "resolved");
    Set<Long> waitingIds = ids("/api/customer-threads?status=waiting&limit=200");
    assertThat(waitingIds).contains(waiting).doesNotContain(resolved);
    assertThat(ids("/api/customer-threads?storeId=" + org.storeB() + "&limit=200"))
        .contains(org.threadInB()).doesNotContain(org.threadInA());

    Set<Long> paged = new HashSet<>();
    String cursor = "";
    do {
      JsonNode page = http().get("/api/customer-threads?limit=2&cursor=" + cursor)
          .token(org.botToken()).send().assertCode(200).json();
      page.path("items").forEach(t -> assertThat(paged.add(t.path("id").asLong())).isTrue());
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
    } while (cursor != null);
    assertThat(paged).containsAll(ids("/api/customer-threads?limit=200"));
  }

  @Test
  void idempotencyKeyReturnsTheFirstMessageAndCreatesNothingNew() {
    long thread = customerSays("idem", "hi").path("customerThreadId").asLong();
    Http.Call call = http().post("/api/send-message-to-customer-thread").token(org.botToken())
        .header("Idempotency-Key", "order-42-reply")
        .json("{\"text\":\"Your order shipped\",\"customerThreadId\":" + thread + "}");
    JsonNode first = call.send().assertCode(200).json();
    JsonNode second = call.send().assertCode(200).json();
    assertThat(second.path("id").asLong()).isEqualTo(first.path("id").asLong());
    assertThat(thread(thread).path("messageCount").asLong()).isEqualTo(2);

    http().post("/api/send-message-to-customer-thread").token(org.botToken())
        .header("Idempotency-Key", "order-42-reply")
        .json("{\"text\":\"Something else\",\"customerThreadId\":" + thread + "}").send()
        .assertError(400, "idempotency_key_reused", "already used with a different request");
  }

  @Test
  void idempotencyKeyExpiresAfter24Hours() {
    long thread = customerSays("idem-expiry", "hi").path("customerThreadId").asLong();
    Http.Call call = http().post("/api/send-message-to-customer-thread").token(org.botToken())
        .header("Idempotency-Key", "daily-digest")
        .json("{\"text\":\"Digest\",\"customerThreadId\":" + thread + "}");
    long first = call.send().assertCode(200).json().path("id").asLong();
    server.server().database().jdbi().useHandle(h -> h.execute(
        "UPDATE idempotency_keys SET created_at = created_at - ? WHERE idem_key = 'daily-digest'",
        25L * 3600 * 1000));

    long second = call.send().assertCode(200).json().path("id").asLong();
    assertThat(second).as("a key older than 24 h no longer deduplicates").isNotEqualTo(first);
    assertThat(call.send().assertCode(200).json().path("id").asLong()).isEqualTo(second);
  }

  @Test
  void maintenanceForgetsExpiredIdempotencyKeysOnly() {
    long thread = customerSays("idem-prune", "hi").path("customerThreadId").asLong();
    for (String key : new String[] {"old-key", "fresh-key"}) {
      http().post("/api/send-message-to-customer-thread").token(org.botToken())
          .header("Idempotency-Key", key)
          .json("{\"text\":\"" + key + "\",\"customerThreadId\":" + thread + "}").send()
          .assertCode(200);
    }
    server.server().database().jdbi().useHandle(h -> h.execute(
        "UPDATE idempotency_keys SET created_at = created_at - ? WHERE idem_key = 'old-key'",
        25L * 3600 * 1000));
    server.server().conversations().forgetExpiredIdempotencyKeys();
    List<String> kept = server.server().database().jdbi().withHandle(h -> h.createQuery(
            "SELECT idem_key FROM idempotency_keys WHERE idem_key IN ('old-key', 'fresh-key')")
        .mapTo(String.class).list());
    assertThat(kept).containsExactly("fresh-key");
  }

  @Test
  void concurrentSendsWithOneIdempotencyKeyCreateOneMessage() throws Exception {
    long thread = customerSays("idem-race", "hi").path("customerThreadId").asLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Long>> sends = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        sends.add(() -> http().post("/api/send-message-to-customer-thread").token(org.botToken())
            .header("Idempotency-Key", "race")
            .json("{\"text\":\"once\",\"customerThreadId\":" + thread + "}").send()
            .assertCode(200).json().path("id").asLong());
      }
      Set<Long> ids = new HashSet<>();
      for (Future<Long> f : pool.invokeAll(sends)) ids.add(f.get());
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdown();
    }
    assertThat(thread(thread).path("messageCount").asLong()).isEqualTo(2);
  }

  @Test
  void concurrentSendsToOneThreadGetDistinctSequences() throws Exception {
    long thread = customerSays("concurrent", "go").path("customerThreadId").asLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Long>> sends = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        sends.add(() -> send(thread, "n" + n, false).path("sequence").asLong());
      }
      Set<Long> sequences = new HashSet<>();
      for (Future<Long> f : pool.invokeAll(sends)) sequences.add(f.get());
      assertThat(sequences).hasSize(40).allMatch(s -> s >= 2 && s <= 41);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Many clients at once, each going through the threads from a different one (clients 10 apart
   * on the same thread at each step), so that the writer's batches hold several messages of one
   * thread, numbered in one transaction, beside other threads' messages.
   */
  @Test
  void concurrentSendsAcrossThreadsNumberEveryThreadWithoutGaps() throws Exception {
    int threadCount = 10;
    int clients = 16;
    int perClient = 3 * threadCount; // every client sends each thread the same number
    List<Long> threads = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      threads.add(customerSays("crossing-" + t, "go").path("customerThreadId").asLong());
    }
    Map<Long, List<Long>> sequences = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> sending = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int start = c;
        sending.add(pool.submit(() -> {
          for (int m = 0; m < perClient; m++) {
            long thread = threads.get((start + m) % threadCount);
            long sequence = send(thread, "c" + start + "m" + m, false).path("sequence").asLong();
            sequences.computeIfAbsent(thread, t -> new CopyOnWriteArrayList<>()).add(sequence);
          }
          return null;
        }));
      }
      for (Future<?> f : sending) f.get();
    }
    int perThread = clients * perClient / threadCount;
    for (long thread : threads) {
      assertThat(sequences.get(thread)).as("thread %d", thread)
          .containsExactlyInAnyOrderElementsOf(
              LongStream.rangeClosed(2, perThread + 1).boxed().toList());
      assertThat(thread(thread).path("messageCount").asLong()).isEqualTo(perThread + 1);
    }
  }

  @Test
  void channelStoresAttachmentAndExternalId() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
    JsonNode sent = http().post("/api/channel/messages").token(org.channelKeyA())
        .json("{\"customer\":{\"externalId\":\"photo\",\"name\":\"Pat\",\"phone\":\"+15550100\","
            + "\"email\":\"pat@example.com\"},\"text\":\"\",\"externalId\":\"sms-778\","
            + "\"attachment\":{\"name\":\"photo.png\",\"contentType\":\"image/png\",\"base64\":\""
            + java.util.Base64.getEncoder().encodeToString(png) + "\"}}").send()
        .assertCode(200).json();
    JsonNode message = http().get("/api/customer-threads/" + sent.path("customerThreadId").asLong()
        + "/messages").token(org.botToken()).send().json().path("items").get(0);
    assertThat(message.path("fromCustomer").asBoolean()).isTrue();
    assertThat(message.path("employeeUserId").isNull()).isTrue();
    assertThat(message.path("externalId").asText()).isEqualTo("sms-778");
    assertThat(message.path("attachment").path("name").asText()).isEqualTo("photo.png");
    assertThat(message.path("attachment").path("contentLength").asLong()).isEqualTo(png.length);
    Http.Response download = http().get("/api/attachments/"
        + message.path("attachment").path("uuid").asText()).token(org.botToken()).send()
        .assertCode(200);
    assertThat(download.bytes()).isEqualTo(png);
    assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/png");
    assertThat(thread(sent.path("customerThreadId").asLong()).path("customer").path("email").asText())
        .isEqualTo("pat@example.com");
  }

  @Test
  void largeAttachmentsSentAtOnceAreEachStoredWhole() throws Exception {
    // Handled a few at a time (LargeBodies): the others wait their turn rather than fail.
    int uploads = 6;
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<JsonNode>> sent = new ArrayList<>();
      for (int i = 0; i < uploads; i++) {
        byte[] content = new byte[5 * 1024 * 1024];
        content[i] = (byte) (i + 1);
        String body = "{\"customer\":{\"externalId\":\"big-" + i + "\"},\"text\":\"\","
            + "\"attachment\":{\"name\":\"scan-" + i + ".pdf\",\"contentType\":\"application/pdf\","
            + "\"base64\":\"" + java.util.Base64.getEncoder().encodeToString(content) + "\"}}";
        sent.add(pool.submit(() -> http().post("/api/channel/messages").token(org.channelKeyA())
            .json(body).send().assertCode(200).json()));
      }
      for (int i = 0; i < uploads; i++) {
        long threadId = sent.get(i).get().path("customerThreadId").asLong();
        JsonNode attachment = http().get("/api/customer-threads/" + threadId + "/messages")
            .token(org.botToken()).send().json().path("items").get(0).path("attachment");
        byte[] stored = http().get("/api/attachments/" + attachment.path("uuid").asText())
            .token(org.botToken()).send().assertCode(200).bytes();
        assertThat(stored).hasSize(5 * 1024 * 1024);
        assertThat(stored[i]).as("upload %d's own bytes", i).isEqualTo((byte) (i + 1));
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void meNamesTheTokensUserAndVisibleStores() {
    JsonNode agent = http().get("/api/me").token(org.agentToken()).send().assertCode(200).json();
    assertThat(agent.path("user").path("role").asText()).isEqualTo("agent");
    assertThat(agent.path("organization").path("id").asLong()).isEqualTo(org.id());
    assertThat(agent.path("organization").path("stores").findValues("id"))
        .extracting(JsonNode::asLong).containsExactly(org.storeA());
    JsonNode bot = http().get("/api/me").header("Authorization", "Bearer " + org.botToken())
        .send().assertCode(200).json();
    assertThat(bot.path("user").path("kind").asText()).isEqualTo("bot");
    assertThat(bot.path("organization").path("stores")).hasSize(2);
  }

  private JsonNode customerSays(String customer, String text) {
    return http().post("/api/channel/messages").token(org.channelKeyA())
        .json("{\"customer\":{\"externalId\":\"" + customer + "\"},\"text\":\"" + text + "\"}")
        .send().assertCode(200).json();
  }

  private JsonNode send(long thread, String text, Boolean internal) {
    return http().post("/api/send-message-to-customer-thread").token(org.botToken())
        .json("{\"text\":\"" + text + "\",\"customerThreadId\":" + thread
            + (internal == null ? "" : ",\"internal\":" + internal) + "}")
        .send().assertCode(200).json();
  }

  private void status(long thread, String status) {
    http().post("/api/update-thread-status").token(org.botToken())
        .json("{\"status\":\"" + status + "\",\"customerThreadId\":" + thread + "}").send()
        .assertCode(200);
  }

  private JsonNode thread(long thread) {
    return http().get("/api/customer-threads/" + thread).token(org.botToken()).send()
        .assertCode(200).json();
  }

  private Set<Long> ids(String path) {
    Set<Long> ids = new HashSet<>();
    http().get(path).token(org.botToken()).send().assertCode(200).json().path("items")
        .forEach(t -> ids.add(t.path("id").asLong()));
    return ids;
  }

}
