package dev.threadhook.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadhook.api.Message;
import dev.threadhook.api.WebhookDelivery;
import dev.threadhook.api.WebhookDeliveryStatus;
import dev.threadhook.client.DeliveryQuery;
import dev.threadhook.client.ThreadhookClient;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import dev.threadhook.server.testing.WebhookFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole loop with nothing simulated: a customer writes through the channel endpoint, the
 * server's webhook engine delivers it, signed, to the bot runtime, and the bot's reply lands in
 * the thread. The bot registers its own hook URL and reads its secret from the server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BotEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private TestServer server;
  private TestOrganization org;
  private ThreadhookClient admin;
  private Bot bot;

  @BeforeEach
  void startServer() {
    server = WebhookFixtures.server(DatabaseKind.H2, WebhookFixtures.fast().build());
    org = TestOrganization.create(server.server(), "Acme");
    admin = ThreadhookClient.create(server.baseUrl(), org.adminToken());
  }

  @AfterEach
  void stop() {
    if (bot != null) bot.close();
    admin.close();
    server.close();
  }

  private Bot startBot(Bot.Builder configured) {
    int port = freePort();
    bot = configured.server(server.baseUrl()).token(org.botToken()).bind("127.0.0.1")
        .registerHookUrl("http://127.0.0.1:" + port + "/")
        .start(port);
    return bot;
  }

  @Test
  void customerMessageIsDeliveredToTheBotAndItsReplyLandsInTheThread() {
    startBot(Bot.builder().onCustomerMessage(
        (message, reply) -> reply.send("You said: " + message.messageBody())));

    long thread = TestOrganization.customerSays(
        server.server(), org.channelKeyA(), "e2e-1", "Are you open?");

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(bodies(thread))
        .containsExactly("Are you open?", "You said: Are you open?"));
    // The bot's own reply is delivered to it as well, and ignored: no reply loop.
    await().during(Duration.ofMillis(500)).atMost(PATIENCE)
        .untilAsserted(() -> assertThat(bodies(thread)).hasSize(2));
  }

  @Test
  void handlerThatThrowsMakesTheServerRetryAndTheReplyIsPostedOnce() {
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    startBot(Bot.builder().onCustomerMessage((message, reply) -> {
      reply.send("Working on it");
      if (failedOnce.add(message.messageBody())) throw new IllegalStateException("crash");
    }));

    long thread = TestOrganization.customerSays(
        server.server(), org.channelKeyA(), "e2e-2", "Refund please");

    await().atMost(PATIENCE).untilAsserted(() -> {
      List<WebhookDelivery> delivered = admin.webhookDeliveries(
          DeliveryQuery.all().status(WebhookDeliveryStatus.DELIVERED).threadId(thread)).items();
      assertThat(delivered).anySatisfy(d -> assertThat(d.attemptCount()).isGreaterThanOrEqualTo(2));
    });
    assertThat(bodies(thread)).containsExactly("Refund please", "Working on it");
  }

  @Test
  void messagesOfOneThreadReachTheHandlerInOrder() {
    List<String> seen = new CopyOnWriteArrayList<>();
    startBot(Bot.builder().onCustomerMessage((message, reply) -> seen.add(message.messageBody())));

    for (int i = 1; i <= 8; i++) {
      TestOrganization.customerSays(server.server(), org.channelKeyA(), "e2e-3", "part " + i);
    }

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(seen).hasSize(8));
    assertThat(seen).containsExactly(
        "part 1", "part 2", "part 3", "part 4", "part 5", "part 6", "part 7", "part 8");
  }

  private List<String> bodies(long thread) {
    return admin.messages(thread).items().stream().map(Message::body).toList();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
