package dev.threadhook.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadhook.api.Message;
import dev.threadhook.api.ThreadStatus;
import dev.threadhook.bot.Bot;
import dev.threadhook.client.ThreadhookClient;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import dev.threadhook.testing.WebhookSender;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The help-desk bot on a real server, its webhooks POSTed the way the server sends them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HelpDeskBotTest {
  private TestServer server;
  private TestOrganization org;
  private ThreadhookClient agent;
  private final String secret = WebhookSender.newSecret();
  private HelpDeskBot helpDesk;
  private WebhookSender sender;
  private String customer;

  @BeforeAll
  void startServer() {
    server = TestServer.start(DatabaseKind.H2, config -> config.withAllowPrivateWebhooks(true));
    org = TestOrganization.create(server.server(), "Coffee");
    agent = ThreadhookClient.create(server.baseUrl(), org.agentToken());
  }

  @BeforeEach
  void startBot() {
    helpDesk = HelpDeskBot.start(
        Bot.builder().server(server.baseUrl()).token(org.botToken()).secret(secret)
            .bind("127.0.0.1"),
        0, HelpDeskBot.DEFAULT_FAQ, Duration.ofMillis(50));
    sender = new WebhookSender("http://127.0.0.1:" + helpDesk.bot().port() + "/", secret);
    customer = "customer-" + UUID.randomUUID();
  }

  @AfterEach
  void stopBot() {
    helpDesk.close();
  }

  @AfterAll
  void stopServer() {
    agent.close();
    server.close();
  }

  /** The customer writes in their thread of store A; the webhook reaches the bot. */
  private long customerWrites(String text) {
    long thread = TestOrganization.customerSays(server.server(), org.channelKeyA(), customer, text);
    List<Message> messages = agent.messages(thread).items();
    Message written = messages.get(messages.size() - 1);
    assertThat(sender.deliver(WebhookSender.webhookOf(written, org.id())).status()).isEqualTo(200);
    return thread;
  }

  private List<Message> messages(long thread) {
    return agent.messages(thread).items();
  }

  private static String describe(Message m) {
    return (m.fromCustomer() ? "customer" : m.invisible() ? "note" : "reply") + ": " + m.body();
  }

  @Test
  void aKeywordQuestionGetsItsAnswer() {
    long thread = customerWrites("Hi! What are your opening hours on Sunday?");

    assertThat(messages(thread)).extracting(HelpDeskBotTest::describe).containsExactly(
        "customer: Hi! What are your opening hours on Sunday?",
        "reply: We are open every day from 8am to 6pm.");
    assertThat(agent.thread(thread).status()).isEqualTo(ThreadStatus.REPLIED);
  }

  @Test
  void aGreetingAloneGetsTheListOfTopics() {
    long thread = customerWrites("Hello!");

    assertThat(messages(thread)).last().extracting(HelpDeskBotTest::describe)
        .isEqualTo("reply: " + HelpDeskBot.GREETING_ANSWER);
  }

  @Test
  void aQuestionItCannotAnswerIsHandedOverAndTheBotStaysQuietUntilAnEmployeeResolvesIt() {
    long thread = customerWrites("My cup arrived broken, what do I do?");

    assertThat(messages(thread)).extracting(HelpDeskBotTest::describe).containsExactly(
        "customer: My cup arrived broken, what do I do?",
        "note: " + HelpDeskBot.HANDOVER_NOTE);
    assertThat(messages(thread).get(1).employeeUserId()).isEqualTo(org.botUserId());
    assertThat(agent.thread(thread).status()).isEqualTo(ThreadStatus.WAITING);
    assertThat(helpDesk.isHandedOver(thread)).isTrue();

    // Handed over: even a question it could answer gets no reply from the bot.
    customerWrites("Hello? Also, what are your opening hours?");
    Message human = agent.sendMessage(thread, "So sorry! A new cup is on its way.");
    assertThat(messages(thread)).extracting(HelpDeskBotTest::describe).containsExactly(
        "customer: My cup arrived broken, what do I do?",
        "note: " + HelpDeskBot.HANDOVER_NOTE,
        "customer: Hello? Also, what are your opening hours?",
        "reply: So sorry! A new cup is on its way.");
    assertThat(human.employeeUserId()).isEqualTo(org.agentUserId());
    assertThat(helpDesk.isHandedOver(thread)).as("replied is not resolved").isTrue();

    agent.updateThreadStatus(thread, ThreadStatus.RESOLVED);
    await().atMost(Duration.ofSeconds(5)).until(() -> !helpDesk.isHandedOver(thread));

    customerWrites("Thanks! And how long does delivery take?");
    assertThat(messages(thread)).last().extracting(HelpDeskBotTest::describe).isEqualTo(
        "reply: Orders ship within 2 business days, and you get a tracking link by email.");
  }

  @Test
  void keywordsMatchWholeWordsInAnyCase() {
    assertThat(helpDesk.answerTo("REFUND please")).isPresent();
    assertThat(helpDesk.answerTo("Can you ship to Canada?")).isPresent();
    assertThat(helpDesk.answerTo("my relationship with this mug")).as("not 'ship'").isEmpty();
    assertThat(helpDesk.answerTo("hi, my order is wrong")).as("more than a greeting").isEmpty();
  }
}
