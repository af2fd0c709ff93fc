package dev.threadhook.examples;

import dev.threadhook.api.ThreadStatus;
import dev.threadhook.api.WebhookMessage;
import dev.threadhook.bot.Bot;
import dev.threadhook.bot.Reply;
import dev.threadhook.client.NotFoundException;
import dev.threadhook.client.ThreadhookClient;
import dev.threadhook.client.ThreadhookException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A help-desk bot: answers a few keyword questions, and hands over to a human when it cannot —
 * an internal note for the staff, the thread set to {@code waiting}, then silence on that thread
 * until an employee resolves it.
 *
 * <p>Webhooks carry messages, not status changes, so the bot learns that a handed-over thread
 * was resolved by reading its status every {@code pollInterval}. Handovers are kept in memory: a
 * restarted bot answers on every thread again.
 *
 * <p>Run it with {@code examples/run-bot helpdesk --token TOKEN} (see {@link BotSettings#USAGE}).
 */
public final class HelpDeskBot implements AutoCloseable {
  private static final System.Logger log = System.getLogger(HelpDeskBot.class.getName());

  /** An answer, given when a message contains one of its keywords (whole words, any case). */
  public record Faq(List<String> keywords, String answer) {}

  public static final List<Faq> DEFAULT_FAQ = List.of(
      new Faq(List.of("hours", "opening", "closing"),
          "We are open every day from 8am to 6pm."),
      new Faq(List.of("delivery", "deliver", "shipping", "ship", "tracking"),
          "Orders ship within 2 business days, and you get a tracking link by email."),
      new Faq(List.of("refund", "return", "returns"),
          "You can return any item within 30 days for a full refund: reply with your order "
              + "number and we will email you a return label."));

  static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "bonjour", "hola");
  static final String GREETING_ANSWER =
      "Hello! I can tell you about our opening hours, delivery and returns.";
  static final String HANDOVER_NOTE = "I could not answer this customer, over to you. "
      + "I stay quiet on this thread until it is resolved.";

  private final List<Faq> faq;
  private final Set<Long> handedOver = ConcurrentHashMap.newKeySet();
  private final Bot bot;
  private final ScheduledExecutorService poller;

  private HelpDeskBot(List<Faq> faq, Bot.Builder builder, int port, Duration pollInterval) {
    this.faq = List.copyOf(faq);
    this.bot = builder.onCustomerMessage(this::onCustomerMessage).start(port);
    this.poller = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("helpdesk-poller").factory());
    long every = pollInterval.toMillis();
    poller.scheduleWithFixedDelay(this::forgetResolvedHandovers, every, every,
        TimeUnit.MILLISECONDS);
  }

  /** Starts the bot with {@code settings} and the default FAQ, polling every 5 seconds. */
  public static HelpDeskBot start(BotSettings settings) {
    return start(settings.builder(), settings.port(), DEFAULT_FAQ, Duration.ofSeconds(5));
  }

  /** Starts the bot from a configured builder (server, token, secret…) on {@code port}. */
  public static HelpDeskBot start(
      Bot.Builder builder, int port, List<Faq> faq, Duration pollInterval) {
    return new HelpDeskBot(faq, builder, port, pollInterval);
  }

  public Bot bot() {
    return bot;
  }

  /** Whether the bot handed this thread over and stays quiet on it. */
  public boolean isHandedOver(long threadId) {
    return handedOver.contains(threadId);
  }

  private void onCustomerMessage(WebhookMessage message, Reply reply) {
    long thread = message.customerThreadId();
    if (handedOver.contains(thread)) return;
    Optional<String> answer = answerTo(message.messageBody());
    if (answer.isPresent()) {
      reply.send(answer.get());
      return;
    }
    reply.sendInternalNote(HANDOVER_NOTE);
    reply.setStatus(ThreadStatus.WAITING);
    handedOver.add(thread);
  }

  /** The answer to a customer's text, when it greets or names a keyword. */
  Optional<String> answerTo(String text) {
    if (text == null) return Optional.empty();
    List<String> words = List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .stream().filter(w -> !w.isEmpty()).toList();
    for (Faq entry : faq) {
      if (entry.keywords().stream().anyMatch(words::contains)) return Optional.of(entry.answer());
    }
    if (words.size() == 1 && GREETINGS.contains(words.get(0))) return Optional.of(GREETING_ANSWER);
    return Optional.empty();
  }

  /** Drops the handovers whose thread an employee resolved (or that no longer exist). */
  void forgetResolvedHandovers() {
    ThreadhookClient client = bot.client();
    for (Long thread : handedOver) {
      try {
        if (client.thread(thread).status() == ThreadStatus.RESOLVED) handedOver.remove(thread);
      } catch (NotFoundException gone) {
        handedOver.remove(thread);
      } catch (ThreadhookException e) {
        log.log(Level.WARNING, "could not read thread {0}: {1}", thread, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    bot.close();
  }

  public static void main(String[] args) throws InterruptedException {
    RunBot.main(EchoBot.prepend("helpdesk", args));
  }
}
