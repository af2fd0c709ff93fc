package dev.threadhook.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.threadhook.api.Message;
import dev.threadhook.api.ThreadStatus;
import dev.threadhook.api.WebhookMessage;
import dev.threadhook.client.ThreadhookClient;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import dev.threadhook.testing.RecordingServer;
import dev.threadhook.testing.WebhookSender;
import dev.threadhook.testing.WebhookSender.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The bot runtime end to end: webhooks signed and POSTed over loopback the way the server's
 * delivery engine sends them, and the bot's replies landing in a real server's threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BotTest {
  private static final Duration SHORT = Duration.ofSeconds(5);

  private TestServer server;
  private TestOrganization org;
  private ThreadhookClient admin;
  private final String secret = WebhookSender.newSecret();
  private final List<Bot> bots = new ArrayList<>();

  @BeforeAll
  void startServer() {
    server = TestServer.start(DatabaseKind.H2, config -> config.withAllowPrivateWebhooks(true));
    org = TestOrganization.create(server.server(), "Acme");
    admin = ThreadhookClient.create(server.baseUrl(), org.adminToken());
  }

  @AfterEach
  void stopBots() {
    bots.forEach(Bot::close);
    bots.clear();
  }

  @AfterAll
  void stopServer() {
    admin.close();
    server.close();
  }

  private Bot start(UnaryOperator<Bot.Builder> configure) {
    Bot bot = configure.apply(Bot.builder()
            .server(server.baseUrl()).token(org.botToken()).secret(secret)
            .bind("127.0.0.1").shutdownTimeout(Duration.ofSeconds(5)))
        .start(0);
    bots.add(bot);
    return bot;
  }

  private static WebhookSender senderTo(Bot bot, String secret) {
    return new WebhookSender("http://127.0.0.1:" + bot.port() + "/", secret);
  }

  /** A customer's message in a new thread of store A, as the server stored it. */
  private Message customerWrites(String text) {
    return customerWrites("customer-" + UUID.randomUUID(), text);
  }

  /** A customer's message in their thread of store A (opened by their first message). */
  private Message customerWrites(String customer, String text) {
    long thread = TestOrganization.customerSays(server.server(), org.channelKeyA(), customer, text);
    return lastMessage(thread);
  }

  private Message lastMessage(long thread) {
    List<Message> messages = admin.messages(thread).items();
    return messages.get(messages.size() - 1);
  }

  private WebhookMessage webhookOf(Message message) {
    return WebhookSender.webhookOf(message, org.id());
  }

  private List<String> bodies(long thread) {
    return admin.messages(thread).items().stream().map(Message::body).toList();
  }

  @Test
  void aCustomerMessageGetsTheBotsReplyInTheThread() {
    Bot bot = start(b -> b.onCustomerMessage(
        (message, reply) -> reply.send("You said: " + message.messageBody())));
    Message hello = customerWrites("Hello bot");

    Answer answer = senderTo(bot, secret).deliver(webhookOf(hello));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("handled customer message");
    Message reply = lastMessage(hello.customerThreadId());
    assertThat(reply.body()).isEqualTo("You said: Hello bot");
    assertThat(reply.employeeUserId()).isEqualTo(org.botUserId());
    assertThat(reply.invisible()).isFalse();
    assertThat(admin.thread(hello.customerThreadId()).status()).isEqualTo(ThreadStatus.REPLIED);
  }

  @Test
  void aDuplicateWebhookIdIsAcknowledgedWithoutCallingTheHandlerAgain() {
    AtomicInteger calls = new AtomicInteger();
    Bot bot = start(b -> b.onCustomerMessage((message, reply) -> {
      calls.incrementAndGet();
      reply.send("Once only");
    }));
    Message hello = customerWrites("Hello twice");
    WebhookSender sender = senderTo(bot, secret);

    Answer first = sender.deliver(webhookOf(hello), 1);
    Answer second = sender.deliver(webhookOf(hello), 2);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).startsWith("duplicate of an earlier delivery");
    assertThat(calls).hasValue(1);
    assertThat(bodies(hello.customerThreadId())).containsExactly("Hello twice", "Once only");
  }

  @Test
  void aDuplicateArrivingWhileTheFirstIsStillHandledWaitsForItsOutcome() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Bot bot = start(b -> b.onCustomerMessage((message, reply) -> {
      calls.incrementAndGet();
      started.countDown();
      release.await();
    }));
    WebhookMessage hello = webhookOf(customerWrites("Slow one"));
    WebhookSender sender = senderTo(bot, secret);

    CompletableFuture<Answer> first = sender.deliverAsync(hello, 1);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Answer> retry = sender.deliverAsync(hello, 2);
    Thread.sleep(100);
    assertThat(retry).as("the retry waits for the first handling").isNotDone();
    release.countDown();

    assertThat(first.get().status()).isEqualTo(200);
    assertThat(retry.get().status()).isEqualTo(200);
    assertThat(calls).hasValue(1);
  }

  @Test
  void handlersOfOneThreadRunInArrivalOrderWhileOtherThreadsRunInParallel() throws Exception {
    CountDownLatch releaseFirst = new CountDownLatch(1);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunningInA = new AtomicInteger();
    String customerA = "customer-" + UUID.randomUUID();
    Message a1 = customerWrites(customerA, "a1");
    Message a2 = customerWrites(customerA, "a2");
    Message a3 = customerWrites(customerA, "a3");
    Message b1 = customerWrites("b1");
    long threadA = a1.customerThreadId();
    Bot bot = start(b -> b.onCustomerMessage((message, reply) -> {
      boolean inA = message.customerThreadId() == threadA;
      if (inA) maxRunningInA.accumulateAndGet(running.incrementAndGet(), Math::max);
      events.add("start " + message.messageBody());
      if (message.messageBody().equals("a1")) releaseFirst.await();
      events.add("end " + message.messageBody());
      if (inA) running.decrementAndGet();
    }));
    WebhookSender sender = senderTo(bot, secret);

    CompletableFuture<Answer> first = sender.deliverAsync(webhookOf(a1), 1);
    await().atMost(SHORT).until(() -> events.contains("start a1"));
    CompletableFuture<Answer> second = sender.deliverAsync(webhookOf(a2), 1);
    await().atMost(SHORT).until(() -> bot.unfinishedHandlers() == 2);
    CompletableFuture<Answer> third = sender.deliverAsync(webhookOf(a3), 1);
    await().atMost(SHORT).until(() -> bot.unfinishedHandlers() == 3);

    Answer other = sender.deliver(webhookOf(b1));
    assertThat(other.status()).as("another thread is not held up by a1").isEqualTo(200);
    assertThat(events).containsExactly("start a1", "start b1", "end b1");

    releaseFirst.countDown();
    assertThat(CompletableFuture.allOf(first, second, third).get(5, TimeUnit.SECONDS)).isNull();
    assertThat(List.of(first.get(), second.get(), third.get()))
        .extracting(Answer::status).containsOnly(200);
    assertThat(events.subList(3, events.size()))
        .containsExactly("end a1", "start a2", "end a2", "start a3", "end a3");
    assertThat(maxRunningInA).hasValue(1);
  }

  @Test
  void aHandlerThatThrowsIsAnswered500AndItsRetryIsHandled() {
    AtomicInteger calls = new AtomicInteger();
    Bot bot = start(b -> b.onCustomerMessage((message, reply) -> {
      if (calls.incrementAndGet() == 1) throw new IllegalStateException("database is down");
      reply.send("Sorry for the wait!");
    }));
    Message hello = customerWrites("Anyone?");
    WebhookSender sender = senderTo(bot, secret);

    Answer failed = sender.deliver(webhookOf(hello), 1);
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.body()).contains("IllegalStateException: database is down");
    assertThat(bodies(hello.customerThreadId())).containsExactly("Anyone?");

    Answer retried = sender.deliver(webhookOf(hello), 2);
    assertThat(retried.status()).isEqualTo(200);
    assertThat(calls).hasValue(2);
    assertThat(bodies(hello.customerThreadId())).containsExactly("Anyone?", "Sorry for the wait!");
  }

  @Test
  void aRetryAfterTheHandlerRepliedAndThenFailedDoesNotPostTheReplyTwice() {
    AtomicInteger calls = new AtomicInteger();
    Bot bot = start(b -> b.onCustomerMessage((message, reply) -> {
      reply.send("Your order ships today.");
      if (calls.incrementAndGet() == 1) throw new IllegalStateException("crashed after replying");
    }));
    Message hello = customerWrites("Where is my order?");
    WebhookSender sender = senderTo(bot, secret);

    assertThat(sender.deliver(webhookOf(hello), 1).status()).isEqualTo(500);
    assertThat(sender.deliver(webhookOf(hello), 2).status()).isEqualTo(200);

    assertThat(calls).hasValue(2);
    assertThat(bodies(hello.customerThreadId()))
        .containsExactly("Where is my order?", "Your order ships today.");
  }

  @Test
  void aRetryWhoseHandlerRepliesWithOtherTextDoesNotPostASecondReply() {
    AtomicInteger calls = new AtomicInteger();
    List<Message> returned = new CopyOnWriteArrayList<>();
    Bot bot = start(b -> b.onCustomerMessage((message, reply) -> {
      int call = calls.incrementAndGet();
      returned.add(reply.send("Answer number " + call));
      if (call == 1) throw new IllegalStateException("crashed after replying");
    }));
    Message hello = customerWrites("Tell me something");
    WebhookSender sender = senderTo(bot, secret);

    assertThat(sender.deliver(webhookOf(hello), 1).status()).isEqualTo(500);
    assertThat(sender.deliver(webhookOf(hello), 2).status()).isEqualTo(200);

    assertThat(bodies(hello.customerThreadId()))
        .containsExactly("Tell me something", "Answer number 1");
    assertThat(returned).hasSize(2);
    assertThat(returned.get(1)).as("the second reply was not posted").isNull();
  }

  @Test
  void theBotsOwnMessagesAreIgnored() {
    List<String> seen = new CopyOnWriteArrayList<>();
    Bot bot = start(b -> b
        .onCustomerMessage((message, reply) -> reply.send("Hi!"))
        .onEmployeeMessage((message, reply) -> seen.add(message.messageBody())));
    Message hello = customerWrites("Hey");
    WebhookSender sender = senderTo(bot, secret);
    sender.deliver(webhookOf(hello));
    Message own = lastMessage(hello.customerThreadId());

    Answer answer = sender.deliver(webhookOf(own));

    assertThat(bot.userId()).isEqualTo(org.botUserId());
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("ignored: the bot's own message");
    assertThat(seen).isEmpty();
  }

  @Test
  void employeeMessagesAndInternalNotesReachTheirOwnHandlers() {
    List<String> seen = new CopyOnWriteArrayList<>();
    Bot bot = start(b -> b
        .onCustomerMessage((message, reply) -> seen.add("customer: " + message.messageBody()))
        .onEmployeeMessage((message, reply) -> seen.add("employee: " + message.messageBody()))
        .onInternalNote((message, reply) -> seen.add("note: " + message.messageBody())));
    Message hello = customerWrites("Help");
    Message answer = admin.sendMessage(hello.customerThreadId(), "On it");
    Message note = admin.sendInternalNote(hello.customerThreadId(), "VIP customer");
    WebhookSender sender = senderTo(bot, secret);

    for (Message m : List.of(hello, answer, note)) {
      assertThat(sender.deliver(webhookOf(m)).status()).isEqualTo(200);
    }

    assertThat(seen).containsExactly("customer: Help", "employee: On it", "note: VIP customer");
  }

  @Test
  void aKindOfMessageWithoutAHandlerIsAcknowledgedAndIgnored() {
    Bot bot = start(b -> b.onCustomerMessage((message, reply) -> reply.send("hi")));
    Message note = admin.sendInternalNote(org.threadInA(), "just staff talk");

    Answer answer = senderTo(bot, secret).deliver(webhookOf(note));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("ignored: no handler for a internal note");
  }

  @Test
  void aBadSignatureIsAnswered401AndNoHandlerRuns() {
    AtomicInteger calls = new AtomicInteger();
    Bot bot = start(b -> b.onCustomerMessage((message, reply) -> calls.incrementAndGet()));
    WebhookMessage hello = webhookOf(customerWrites("Forged?"));

    Answer wrongSecret = senderTo(bot, WebhookSender.newSecret()).deliver(hello);
    byte[] body = WebhookSender.body(hello);
    long now = Instant.now().getEpochSecond();
    WebhookSender sender = senderTo(bot, secret);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Forged?", "Forged!")
        .getBytes(StandardCharsets.UTF_8);
    Answer tamperedBody = sender.deliverRaw(tampered, "msg_1", now, sender.sign("msg_1", now, body));
    Answer stale = sender.deliverRaw(body, "msg_1", now - 600, sender.sign("msg_1", now - 600, body));
    Answer unsigned = sender.deliverRaw(body, "msg_1", now, null);

    assertThat(List.of(wrongSecret, tamperedBody, stale, unsigned))
        .extracting(Answer::status).containsOnly(401);
    assertThat(stale.body()).contains("s old, more than the 300 s tolerance");
    assertThat(unsigned.body()).isEqualTo("the webhook-signature header is missing");
    assertThat(calls).hasValue(0);
  }

  @Test
  void aSignedBodyThatIsNotAWebhookMessageIsAnswered400() {
    Bot bot = start(b -> b.onCustomerMessage((message, reply) -> reply.send("hi")));
    WebhookSender sender = senderTo(bot, secret);
    byte[] body = "[1, 2, 3]".getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();

    Answer answer = sender.deliverRaw(body, "msg_2", now, sender.sign("msg_2", now, body));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).startsWith("the body is not a webhook message");
  }

  @Test
  void onlyPostsToTheConfiguredPathAreWebhooks() {
    Bot bot = start(b -> b.path("/instaplybot")
        .onCustomerMessage((message, reply) -> reply.send("hi")));
    WebhookMessage hello = webhookOf(customerWrites("Path?"));

    Answer elsewhere = senderTo(bot, secret).deliver(hello);
    Answer there = new WebhookSender("http://127.0.0.1:" + bot.port() + "/instaplybot", secret)
        .deliver(hello);

    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(there.status()).isEqualTo(200);
  }

  @Test
  void registerHookUrlPointsTheOrganizationsHookAtTheBotOnStart() {
    start(b -> b.registerHookUrl("http://127.0.0.1:8081/instaplybot")
        .onCustomerMessage((message, reply) -> reply.send("hi")));

    assertThat(server.server().accounts().organization(org.id()).webhookUrl())
        .isEqualTo("http://127.0.0.1:8081/instaplybot");
  }

  @Test
  void closeWaitsForRunningHandlersAndThenRefusesWebhooks() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Bot bot = start(b -> b.onCustomerMessage((message, reply) -> {
      started.countDown();
      release.await();
      reply.send("Finished before shutdown");
    }));
    Message hello = customerWrites("Last one");
    WebhookSender sender = senderTo(bot, secret);
    CompletableFuture<Answer> running = sender.deliverAsync(webhookOf(hello), 1);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing =
        CompletableFuture.runAsync(bot::close, task -> Thread.ofVirtual().start(task));
    await().atMost(SHORT).until(bot::isClosing);
    Thread.sleep(100);
    assertThat(closing).as("close waits for the running handler").isNotDone();
    Answer duringShutdown = sender.deliver(webhookOf(customerWrites("Too late")));
    assertThat(duringShutdown.status()).as("kept by the server for later").isEqualTo(503);
    release.countDown();

    closing.get(5, TimeUnit.SECONDS);
    assertThat(running.get().status()).isEqualTo(200);
    assertThat(lastMessage(hello.customerThreadId()).body()).isEqualTo("Finished before shutdown");
    assertThatThrownBy(() -> sender.deliver(webhookOf(hello), 2))
        .as("no longer listening").isInstanceOf(java.io.UncheckedIOException.class);
    bot.awaitShutdown();
  }

  @Test
  void aBotOnAServerWithoutApiMeUsesTheUserIdItIsGiven() {
    try (RecordingServer bareServer = new RecordingServer()) {
      List<String> seen = new CopyOnWriteArrayList<>();
      Bot bot = Bot.builder().server(bareServer.baseUrl()).token("your-token-here")
          .secret(secret).userId(7889).bind("127.0.0.1")
          .onEmployeeMessage((message, reply) -> seen.add(message.messageBody()))
          .start(0);
      bots.add(bot);
      WebhookMessage own = new WebhookMessage("148332", 156100, 1484768843336L, 7889L, 4683951,
          "Yep, it works", 907, null, null, null, null, false, null, false, "prospect");

      Answer answer = senderTo(bot, secret).deliver(own);

      assertThat(answer.body()).isEqualTo("ignored: the bot's own message");
      assertThat(seen).isEmpty();
      assertThat(bot.userId()).isEqualTo(7889L);
    }
  }

  @Test
  void aBotWithoutASecretReadsItFromTheServer() {
    try (RecordingServer threadhook = new RecordingServer()) {
      threadhook.enqueueJson(200, "{\"user\":{\"id\":55,\"name\":\"Bot\",\"kind\":\"bot\","
          + "\"role\":\"agent\",\"storeIds\":[]},\"organization\":{\"id\":907,\"name\":\"Acme\","
          + "\"stores\":[]}}");
      threadhook.enqueueJson(200, "{\"businessId\":907,\"url\":null,\"secret\":\"" + secret
          + "\",\"pendingDeliveries\":0,\"failedDeliveries\":0}");
      List<String> seen = new CopyOnWriteArrayList<>();
      Bot bot = Bot.builder().server(threadhook.baseUrl()).token("thk_bot").bind("127.0.0.1")
          .onCustomerMessage((message, reply) -> seen.add(message.messageBody()))
          .start(0);
      bots.add(bot);
      WebhookMessage hello = new WebhookMessage("1", 2, 3, null, 4, "signed with the server's",
          907, null, null, null, null, true, null, false, "prospect");

      assertThat(senderTo(bot, secret).deliver(hello).status()).isEqualTo(200);
      assertThat(seen).containsExactly("signed with the server's");
      assertThat(threadhook.takeRequest().path()).isEqualTo("/api/me");
      assertThat(threadhook.takeRequest().path()).isEqualTo("/api/webhook");
    }
  }

  @Test
  void aBotThatCannotLearnItsUserIdDoesNotStartAndSaysWhatToSet() {
    try (RecordingServer bareServer = new RecordingServer()) {
      bareServer.enqueueJson(404, "");
      assertThatThrownBy(() -> Bot.builder().server(bareServer.baseUrl()).token("t")
          .secret(secret).bind("127.0.0.1")
          .onCustomerMessage((message, reply) -> reply.send("hi")).start(0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("GET /api/me")
          .hasMessageContaining("set userId(…) or ignoreOwnMessages(false)");
    }
  }
}
