package dev.threadhook.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.api.ApiError;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.AccountService;
import dev.threadhook.server.conversations.ConversationService;
import dev.threadhook.server.webhooks.WebhookDeliveries;
import dev.threadhook.server.webhooks.WebhookSettings;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP face of Threadhook: every route in one place, and one way of answering errors. */
public final class HttpApi {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private static final int RESPONSE_BUFFER_BYTES = 4096;
  /**
   * Large channel messages handled at once. Parsing a 7 MiB body into a tree takes, by the copies
   * it makes (an estimate), ~40 MB of heap at its peak (Jackson holds the base64 text as UTF-16
   * while it reads it, then copies it), so
   * with the launcher's 96 MB heap and the server's own ~25 MB, two at once already ran out of
   * memory (docs/benchmarks-history.md, sixth session).
   */
  private static final int LARGE_BODIES_AT_ONCE = 1;
  private static final Duration LARGE_BODY_WAIT = Duration.ofSeconds(20);
  /** How long a request that came before the server was ready waits for it before a 503. */
  private static final Duration READY_WAIT = Duration.ofSeconds(10);

  private final Javalin app;
  /** Completed by {@link #serve()}, or exceptionally by {@link #stop()} if that comes first. */
  private final CompletableFuture<Void> serving = new CompletableFuture<>();
  /**
   * The port bound at start, kept: Jetty's own answer turns -2 once it has stopped, and
   * {@code threadhook serve} printed that when it was stopped just as it became ready.
   */
  private volatile int port = -1;

  public HttpApi(
      ObjectMapper json,
      AccountService accounts,
      ConversationService conversations,
      WebhookSettings webhooks,
      WebhookDeliveries deliveries,
      PrometheusMeterRegistry metrics,
      RateLimit rateLimit) {
    Authenticator auth = new Authenticator(
        accounts, new RateLimiter(rateLimit.perSecond(), rateLimit.burst()));
    BotApiHandlers bot = new BotApiHandlers(auth, conversations, webhooks);
    ReadHandlers reads = new ReadHandlers(auth, accounts, conversations);
    ChannelHandlers channel = new ChannelHandlers(auth, conversations,
        new LargeBodies(LARGE_BODIES_AT_ONCE, LARGE_BODY_WAIT));
    AdminHandlers admin = new AdminHandlers(auth, accounts);
    WebhookHandlers hooks = new WebhookHandlers(auth, webhooks, deliveries);

    app = Javalin.create(config -> configure(config, json));
    // The port opens before the server is ready (start, then serve), so that Jetty starts while
    // the database migrates; what comes in meanwhile, /healthz too, waits for serve().
    app.before(this::awaitServing);

    // The Instaply Bot API, as documented.
    app.post("/api/send-message-to-customer-thread", bot::sendMessage);
    app.post("/api/update-thread-status", bot::updateThreadStatus);
    app.post("/api/update-hook-url", bot::updateHookUrl);

    // Reads a bot needs.
    app.get("/api/me", reads::me);
    app.get("/api/customer-threads", reads::threads);
    app.get("/api/customer-threads/{id}", reads::thread);
    app.get("/api/customer-threads/{id}/messages", reads::messages);
    app.get("/api/attachments/{uuid}", reads::attachment);

    // The organization's webhook, for its admins and bots.
    app.get("/api/webhook", hooks::state);
    app.post("/api/webhook/rotate-secret", hooks::rotateSecret);
    app.post("/api/webhook/pause", hooks::pause);
    app.post("/api/webhook/resume", hooks::resume);
    app.get("/api/webhook-deliveries", hooks::deliveries);
    app.post("/api/webhook-deliveries/redeliver-failed", hooks::redeliverFailed);
    app.get("/api/webhook-deliveries/{id}", hooks::delivery);
    app.post("/api/webhook-deliveries/{id}/redeliver", hooks::redeliver);

    // The customers' side: a store's channel posts their messages.
    app.post("/api/channel/messages", channel::postCustomerMessage);

    // An organization's administration, with an admin's token.
    app.get("/api/admin/stores", admin::stores);
    app.post("/api/admin/stores", admin::createStore);
    app.get("/api/admin/users", admin::users);
    app.post("/api/admin/users", admin::createUser);
    app.get("/api/admin/tokens", admin::tokens);
    app.post("/api/admin/users/{id}/tokens", admin::createToken);
    app.delete("/api/admin/tokens/{id}", admin::revokeToken);
    app.get("/api/admin/channel-keys", admin::channelKeys);
    app.post("/api/admin/stores/{id}/channel-keys", admin::createChannelKey);
    app.delete("/api/admin/channel-keys/{id}", admin::revokeChannelKey);

    // Operations.
    app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(metrics.scrape()));

    app.exception(DomainException.class, (e, ctx) -> error(ctx, status(e.reason()), e.code(),
        e.getMessage()));
    app.exception(RateLimitedException.class, (e, ctx) -> {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      error(ctx, 429, "rate_limited", e.getMessage());
    });
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
        codeFor(e.getStatus()), messageFor(ctx, e)));
    app.exception(Exception.class, (e, ctx) -> {
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, 500, "internal_error", "the server failed to handle this request");
    });
    app.error(404, ctx -> {
      if (!hasErrorBody(ctx)) {
        error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
      }
    });
    app.error(405, ctx -> {
      if (!hasErrorBody(ctx)) {
        error(ctx, 405, "method_not_allowed",
            ctx.method() + " is not allowed on " + ctx.path());
      }
    });
  }

  /**
   * How Threadhook configures Javalin, here for the benchmark's no-op server too, so the HTTP
   * ceiling it measures is that of this very stack.
   */
  public static void configure(JavalinConfig config, ObjectMapper json) {
    config.useVirtualThreads = true;
    config.showJavalinBanner = false;
    config.startupWatcherEnabled = false;
    config.http.prefer405over404 = true;
    // Javalin copies each result to the response through a buffer of this size, allocated per
    // request; at its default (Jetty's 32 KiB) that was a third of the server's allocations
    // under load. Our answers are mostly a few hundred bytes.
    config.http.responseBufferSize = RESPONSE_BUFFER_BYTES;
    // Jetty gives every connection that makes a second request a cache of its header fields:
    // a trie of 1,024 rows by default, ~98 KB of heap per connection for as long as it stays
    // open. 800 keep-alive clients ran the 96 MB heap out of memory, and the bench's 64
    // connections held 6 MB, a fifth of what every full collection keeps (docs/benchmarks.md,
    // profile 35). Without it a header costs a string or two per request, garbage at once.
    config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
    config.jsonMapper(new JavalinJackson(json, true));
  }

  /**
   * Opens the port (0 takes a free one); requests wait until {@link #serve()}, and are answered
   * 503 with Retry-After if that takes longer than {@link #READY_WAIT}.
   */
  public HttpApi start(String host, int port) {
    app.start(host, port);
    this.port = app.port();
    return this;
  }

  /** Lets requests through: everything they use is ready. */
  public void serve() {
    serving.complete(null);
  }

  public int port() {
    return port;
  }

  public void stop() {
    // Wakes what waits for serve(), rather than leaving it for the stop to find.
    serving.completeExceptionally(new IllegalStateException("stopped before serving"));
    app.stop();
  }

  private void awaitServing(Context ctx) throws InterruptedException {
    if (serving.isDone() && !serving.isCompletedExceptionally()) return;
    try {
      serving.get(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      ctx.header("Retry-After", "1");
      throw new HttpResponseException(503, "the server is starting");
    } catch (ExecutionException stopped) {
      // Stopped before it was ready; Jetty's stop closes the connection (StartingServerTest).
      throw new HttpResponseException(503, "the server stopped");
    }
  }

  private static final String ERROR_WRITTEN = "threadhook.error-written";

  /** Whether an exception handler already answered (Javalin's status handlers run after it). */
  private static boolean hasErrorBody(Context ctx) {
    return ctx.attribute(ERROR_WRITTEN) != null;
  }

  private static void error(Context ctx, int status, String code, String message) {
    ctx.attribute(ERROR_WRITTEN, true);
    ctx.status(status).json(ApiError.of(code, message));
  }

  static int status(DomainException.Reason reason) {
    return switch (reason) {
      case INVALID_REQUEST -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case PAYLOAD_TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case RATE_LIMITED -> 429;
    };
  }

  /** Javalin's own answers (unknown route, wrong method), worded like ours. */
  private static String messageFor(Context ctx, HttpResponseException e) {
    return switch (e.getStatus()) {
      case 404 -> "no route " + ctx.method() + " " + ctx.path();
      case 405 -> ctx.method() + " is not allowed on " + ctx.path();
      default -> e.getMessage();
    };
  }

  private static String codeFor(int status) {
    return switch (status) {
      case 400 -> "invalid_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      case 503 -> "unavailable";
      default -> "http_" + status;
    };
  }
}
