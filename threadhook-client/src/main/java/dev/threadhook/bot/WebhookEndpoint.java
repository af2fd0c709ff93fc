package dev.threadhook.bot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.threadhook.api.WebhookMessage;
import dev.threadhook.client.ThreadhookClient;
import dev.threadhook.client.WebhookVerificationException;
import dev.threadhook.client.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The bot's one route: verify, parse, drop duplicates and own messages, run the handler in its
 * thread's lane, and answer only once it finished — 200 when it returned, 500 when it threw.
 */
final class WebhookEndpoint implements HttpHandler {
  static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final int MAX_ERROR_TEXT = 500;
  private static final System.Logger log = System.getLogger(Bot.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** What the bot does with each kind of message; a null handler ignores that kind. */
  record Handlers(
      MessageHandler customerMessage, MessageHandler employeeMessage, MessageHandler internalNote) {}

  private final String path;
  private final WebhookVerifier verifier;
  private final ThreadhookClient client;
  private final Handlers handlers;
  private final Long ownUserId;
  private final RecentDeliveries recent;
  private final ThreadLanes lanes;
  private final InFlight inFlight;

  WebhookEndpoint(String path, WebhookVerifier verifier, ThreadhookClient client,
      Handlers handlers, Long ownUserId, RecentDeliveries recent, ThreadLanes lanes,
      InFlight inFlight) {
    this.path = path;
    this.verifier = verifier;
    this.client = client;
    this.handlers = handlers;
    this.ownUserId = ownUserId;
    this.recent = recent;
    this.lanes = lanes;
    this.inFlight = inFlight;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    boolean entered = false;
    try {
      try (exchange) {
        if (!path.equals("/") && !exchange.getRequestURI().getPath().equals(path)) {
          answer(exchange, 404, "no webhook here; the bot listens on " + path);
          return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
          exchange.getResponseHeaders().set("Allow", "POST");
          answer(exchange, 405, "webhooks are POSTed");
          return;
        }
        entered = inFlight.enter();
        if (!entered) {
          answer(exchange, 503, "the bot is shutting down; deliver this again later");
          return;
        }
        receive(exchange);
      }
    } finally {
      // Only once the exchange is closed, so the answer is on the wire before shutdown stops
      // the server.
      if (entered) inFlight.exit();
    }
  }

  private void receive(HttpExchange exchange) throws IOException {
    byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY_BYTES);
    if (body == null) {
      answer(exchange, 413, "a webhook body must be at most " + MAX_BODY_BYTES + " bytes");
      return;
    }
    String webhookId = exchange.getRequestHeaders().getFirst(WebhookVerifier.ID_HEADER);
    try {
      verifier.verifySignature(body, webhookId,
          exchange.getRequestHeaders().getFirst(WebhookVerifier.TIMESTAMP_HEADER),
          exchange.getRequestHeaders().getFirst(WebhookVerifier.SIGNATURE_HEADER));
    } catch (WebhookVerificationException e) {
      log.log(Level.WARNING, "refused a webhook: {0}", e.getMessage());
      answer(exchange, 401, e.getMessage());
      return;
    }
    WebhookMessage message;
    try {
      message = JSON.readValue(body, WebhookMessage.class);
    } catch (IOException e) {
      answer(exchange, 400, "the body is not a webhook message: " + e.getMessage());
      return;
    }
    try {
      RecentDeliveries.Outcome outcome =
          recent.handle(webhookId, () -> inLane(message, webhookId));
      answer(exchange, 200, outcome.seen() == RecentDeliveries.Seen.DUPLICATE
          ? "duplicate of an earlier delivery, already " + outcome.result()
          : outcome.result());
    } catch (Exception e) {
      Throwable failure = e instanceof ExecutionException && e.getCause() != null
          ? e.getCause() : e;
      log.log(Level.WARNING, "the handler of " + webhookId + " (thread "
          + message.customerThreadId() + ") failed; the server will deliver it again", failure);
      answer(exchange, 500, "the handler failed: " + failure);
    }
  }

  /** Runs the handler in the thread's lane and waits for it, so the answer follows it. */
  private String inLane(WebhookMessage message, String webhookId) throws Exception {
    CompletableFuture<String> run =
        lanes.submit(message.customerThreadId(), () -> dispatch(message, webhookId));
    try {
      return run.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) throw ex;
      if (cause instanceof Error err) throw err;
      throw e;
    }
  }

  private String dispatch(WebhookMessage message, String webhookId) throws Exception {
    if (ownUserId != null && !message.fromCustomer()
        && ownUserId.equals(message.employeeUserId())) {
      return "ignored: the bot's own message";
    }
    String kind;
    MessageHandler handler;
    if (message.fromCustomer()) {
      kind = "customer message";
      handler = handlers.customerMessage();
    } else if (message.invisible()) {
      kind = "internal note";
      handler = handlers.internalNote();
    } else {
      kind = "employee message";
      handler = handlers.employeeMessage();
    }
    if (handler == null) return "ignored: no handler for a " + kind;
    handler.handle(message, new Reply(client, message, webhookId));
    return "handled " + kind;
  }

  /** The whole body, or null when it is longer than {@code max}. */
  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] bytes = in.readNBytes(max + 1);
    return bytes.length > max ? null : bytes;
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    String capped = text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT);
    byte[] bytes = (capped + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
