package dev.threadhook.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.api.CustomerThread;
import dev.threadhook.api.Me;
import dev.threadhook.api.Message;
import dev.threadhook.api.Page;
import dev.threadhook.api.ThreadStatus;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Every call of the client against a real server on H2, over loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadhookClientTest {
  private TestServer server;
  private TestOrganization org;
  private ThreadhookClient bot;
  private ThreadhookClient admin;

  @BeforeAll
  void startServer() {
    server = TestServer.start(DatabaseKind.H2, config -> config.withAllowPrivateWebhooks(true));
    org = TestOrganization.create(server.server(), "Acme");
    bot = ThreadhookClient.create(server.baseUrl(), org.botToken());
    admin = ThreadhookClient.create(server.baseUrl(), org.adminToken());
  }

  @AfterAll
  void stopServer() {
    bot.close();
    admin.close();
    server.close();
  }

  private long newThread(String firstMessage) {
    return TestOrganization.customerSays(server.server(), org.channelKeyA(),
        "customer-" + UUID.randomUUID(), firstMessage);
  }

  @Test
  void sendMessagePostsInThePublicPartAsTheBot() {
    long thread = newThread("Hi there");

    Message sent = bot.sendMessage(thread, "Hello, I am a bot.");

    assertThat(sent.body()).isEqualTo("Hello, I am a bot.");
    assertThat(sent.customerThreadId()).isEqualTo(thread);
    assertThat(sent.invisible()).isFalse();
    assertThat(sent.fromCustomer()).isFalse();
    assertThat(sent.employeeUserId()).isEqualTo(org.botUserId());
    assertThat(bot.messages(thread).items()).extracting(Message::body)
        .containsExactly("Hi there", "Hello, I am a bot.");
    assertThat(bot.thread(thread).status()).isEqualTo(ThreadStatus.REPLIED);
  }

  @Test
  void sendInternalNotePostsInTheInvisiblePartAndLeavesTheStatus() {
    long thread = newThread("Where is my order?");

    Message note = bot.sendInternalNote(thread, "Customer asks about an order.");

    assertThat(note.invisible()).isTrue();
    assertThat(bot.messages(thread).items()).last()
        .satisfies(m -> assertThat(m.invisible()).isTrue());
    assertThat(bot.thread(thread).status()).isEqualTo(ThreadStatus.WAITING);
  }

  @Test
  void updateThreadStatusSetsEachOfTheThreeStatuses() {
    long thread = newThread("Thanks, all good");

    for (ThreadStatus status : ThreadStatus.values()) {
      CustomerThread updated = bot.updateThreadStatus(thread, status);
      assertThat(updated.status()).isEqualTo(status);
      assertThat(bot.thread(thread).status()).isEqualTo(status);
    }
  }

  @Test
  void updateHookUrlSetsAndRemovesTheOrganizationsHook() {
    bot.updateHookUrl("http://127.0.0.1:9/instaplybot");
    assertThat(server.server().accounts().organization(org.id()).webhookUrl())
        .isEqualTo("http://127.0.0.1:9/instaplybot");

    bot.updateHookUrl(null);
    assertThat(server.server().accounts().organization(org.id()).webhookUrl()).isNull();
  }

  @Test
  void meTellsWhichUserAndOrganizationTheTokenBelongsTo() {
    Me me = bot.me();

    assertThat(me.user().id()).isEqualTo(org.botUserId());
    assertThat(me.user().kind()).isEqualTo("bot");
    assertThat(me.organization().id()).isEqualTo(org.id());
    assertThat(me.organization().stores()).extracting(Me.Store::id)
        .contains(org.storeA(), org.storeB());
  }

  @Test
  void threadsAreListedNewestFirstFilteredAndPaged() {
    long older = newThread("first");
    long newer = newThread("second");
    bot.updateThreadStatus(older, ThreadStatus.RESOLVED);

    Page<CustomerThread> firstPage = bot.threads(ThreadQuery.all().storeId(org.storeA()).limit(1));
    assertThat(firstPage.items()).extracting(CustomerThread::id).containsExactly(newer);
    assertThat(firstPage.nextCursor()).isNotNull();
    Page<CustomerThread> secondPage = bot.threads(
        ThreadQuery.all().storeId(org.storeA()).limit(1).cursor(firstPage.nextCursor()));
    assertThat(secondPage.items()).extracting(CustomerThread::id).containsExactly(older);

    assertThat(bot.threads(ThreadQuery.all().status(ThreadStatus.RESOLVED)).items())
        .extracting(CustomerThread::id).contains(older).doesNotContain(newer);
    assertThat(bot.threads().items()).extracting(CustomerThread::id)
        .contains(older, newer, org.threadInB());
  }

  @Test
  void threadReadsOneThreadWithItsCustomer() {
    CustomerThread thread = bot.thread(org.threadInA());

    assertThat(thread.id()).isEqualTo(org.threadInA());
    assertThat(thread.storeId()).isEqualTo(org.storeA());
    assertThat(thread.businessId()).isEqualTo(org.id());
    assertThat(thread.customer().externalId()).isEqualTo("customer-a");
  }

  @Test
  void messagesArePagedOldestFirstAfterASequence() {
    long thread = newThread("one");
    bot.sendMessage(thread, "two");
    bot.sendInternalNote(thread, "three");

    Page<Message> first = bot.messages(thread, null, 2);
    assertThat(first.items()).extracting(Message::body).containsExactly("one", "two");
    Page<Message> rest = bot.messages(thread, first.nextCursor(), 2);
    assertThat(rest.items()).extracting(Message::body).containsExactly("three");
    assertThat(rest.nextCursor()).isNull();
    assertThat(bot.messages(thread, "1", 0).items()).extracting(Message::sequence)
        .containsExactly(2L, 3L);
  }

  @Test
  void downloadAttachmentGivesTheBytesTheCustomerSentWithNameAndType() {
    byte[] photo = "not really a png".getBytes(StandardCharsets.UTF_8);
    String body = "{\"customer\":{\"externalId\":\"photographer\"},\"text\":\"see this\","
        + "\"attachment\":{\"name\":\"broken cup.png\",\"contentType\":\"image/png\","
        + "\"base64\":\"" + Base64.getEncoder().encodeToString(photo) + "\"}}";
    long thread = server.http().post("/api/channel/messages").token(org.channelKeyA()).json(body)
        .send().assertCode(200).json().path("customerThreadId").asLong();
    String uuid = bot.messages(thread).items().get(0).attachment().uuid();

    DownloadedAttachment attachment = bot.downloadAttachment(uuid);

    assertThat(attachment.content()).isEqualTo(photo);
    assertThat(attachment.name()).isEqualTo("broken cup.png");
    assertThat(attachment.contentType()).startsWith("image/png");
  }

  @Test
  void asyncVariantsCompleteWithTheSameResultsAndErrors() throws Exception {
    long thread = newThread("async please");

    Message sent = bot.sendMessageAsync(thread, "async answer").get(10, TimeUnit.SECONDS);
    assertThat(sent.body()).isEqualTo("async answer");
    assertThat(bot.sendInternalNoteAsync(thread, "async note").get().invisible()).isTrue();
    assertThat(bot.updateThreadStatusAsync(thread, ThreadStatus.RESOLVED).get().status())
        .isEqualTo(ThreadStatus.RESOLVED);
    assertThat(bot.meAsync().get().user().id()).isEqualTo(org.botUserId());
    assertThat(bot.threadAsync(thread).get().status()).isEqualTo(ThreadStatus.RESOLVED);
    assertThat(bot.messagesAsync(thread, null, 10).get().items()).hasSize(3);
    assertThat(bot.threadsAsync(ThreadQuery.all()).get().items()).isNotEmpty();
    bot.updateHookUrlAsync(null).get();

    assertThatThrownBy(() -> bot.threadAsync(999_999).join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(NotFoundException.class);
  }

  @Test
  void anUnknownTokenIsUnauthorized() {
    try (ThreadhookClient stranger = ThreadhookClient.create(server.baseUrl(), "thk_nope")) {
      assertThatThrownBy(() -> stranger.sendMessage(org.threadInA(), "hi"))
          .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.errorCode()).isEqualTo("unauthorized");
            assertThat(e.getMessage()).startsWith(
                "POST /api/send-message-to-customer-thread answered 401 unauthorized");
          });
    }
  }

  @Test
  void anUnknownThreadIsNotFound() {
    assertThatThrownBy(() -> bot.sendMessage(987_654_321L, "hello?"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo("not_found");
          assertThat(e.serverMessage()).contains("987654321");
        });
    assertThatThrownBy(() -> bot.updateThreadStatus(987_654_321L, ThreadStatus.RESOLVED))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> bot.downloadAttachment("no-such-uuid"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aRequestTheServerRefusesIsAnInvalidRequestSayingWhy() {
    // The typed client cannot send a status outside the enum; a blank text and a bad cursor
    // are the 400s it can still provoke.
    assertThatThrownBy(() -> bot.sendMessage(org.threadInA(), "   "))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.errorCode()).isEqualTo("invalid_request");
          assertThat(e.serverMessage()).isEqualTo("text must not be empty or blank");
        });
    assertThatThrownBy(() -> bot.messages(org.threadInA(), "yesterday", 0))
        .isInstanceOfSatisfying(InvalidRequestException.class, e ->
            assertThat(e.serverMessage()).contains("after must be a positive integer"));
  }

  @Test
  void anAgentSettingTheHookUrlIsForbidden() {
    try (ThreadhookClient agent = ThreadhookClient.create(server.baseUrl(), org.agentToken())) {
      assertThatThrownBy(() -> agent.updateHookUrl("http://example.com/hook"))
          .isInstanceOfSatisfying(ForbiddenException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.serverMessage()).contains("admin's or a bot's token");
          });
    }
  }

  @Test
  void aClosedPortIsANetworkErrorAfterTheRetries() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (ThreadhookClient nowhere = ThreadhookClient.builder()
        .baseUrl("http://127.0.0.1:" + closedPort).token("thk_x")
        .maxRetries(2).backoff(Duration.ofMillis(5), Duration.ofMillis(20)).build()) {
      assertThatThrownBy(() -> nowhere.sendMessage(1, "anyone?"))
          .isInstanceOf(ThreadhookNetworkException.class)
          .isNotInstanceOf(ThreadhookApiException.class)
          .hasMessageContaining("got no answer after 3 attempts")
          .hasMessageContaining("ConnectException");
    }
  }

  @Test
  void aSendWhoseAnswerIsLostIsRetriedAndPostsExactlyOneMessage() throws Exception {
    long thread = newThread("Is anyone there?");
    try (var proxy = new dev.threadhook.testing.DroppingProxy(server.server().port(), 1);
        ThreadhookClient viaProxy = ThreadhookClient.builder()
            .baseUrl(proxy.baseUrl()).token(org.botToken())
            .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build()) {

      Message sent = viaProxy.sendMessage(thread, "Yes, I am here.");

      assertThat(proxy.connections()).as("the first answer was lost, so a second try came")
          .isEqualTo(2);
      assertThat(bot.messages(thread).items()).extracting(Message::body)
          .containsExactly("Is anyone there?", "Yes, I am here.");
      assertThat(sent.id()).isEqualTo(bot.messages(thread).items().get(1).id());
    }
  }

  /** HttpClient.sendAsync completes on the common pool; the client must not depend on it. */
  @Test
  void callsWorkWhileTheCommonPoolIsBlocked() throws Exception {
    java.util.concurrent.ForkJoinPool pool = java.util.concurrent.ForkJoinPool.commonPool();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch blocked =
        new java.util.concurrent.CountDownLatch(pool.getParallelism());
    for (int i = 0; i < pool.getParallelism(); i++) {
      pool.execute(() -> {
        blocked.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    try {
      assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();

      assertThat(bot.me().user().id()).isEqualTo(org.botUserId());
      assertThat(bot.meAsync().get(5, TimeUnit.SECONDS).user().id()).isEqualTo(org.botUserId());
    } finally {
      release.countDown();
    }
  }
}
