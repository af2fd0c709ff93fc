package dev.threadhook.bot;

import com.sun.net.httpserver.HttpServer;
import dev.threadhook.client.ThreadhookClient;
import dev.threadhook.client.ThreadhookException;
import dev.threadhook.client.WebhookVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A bot: an HTTP endpoint that receives the organization's webhooks and calls your handlers.
 *
 * <pre>{@code
 * Bot bot = Bot.builder()
 *     .server("http://localhost:8080").token(token).secret("whsec_…")
 *     .onCustomerMessage((message, reply) -> reply.send("You said: " + message.messageBody()))
 *     .registerHookUrl("http://localhost:8081/")   // optional: point the hook at this bot
 *     .start(8081);
 * }</pre>
 *
 * <ul>
 *   <li>Every webhook is verified (Standard Webhooks signature, five-minute tolerance): a bad
 *       one gets 401. A duplicate {@code webhook-id} is acknowledged without calling a handler
 *       again (the last 10,000 ids are remembered).
 *   <li>The bot's own messages are ignored, so it never answers itself; it learns its user id
 *       from {@code GET /api/me}, or from {@link Builder#userId(long)}.
 *   <li>Handlers of one thread run one at a time, in arrival order; different threads run in
 *       parallel on virtual threads. A handler may block.
 *   <li>The webhook is answered 200 once its handler returned, 500 when it threw, so the server
 *       delivers again what the bot failed to handle.
 *   <li>{@link #close()} refuses new webhooks (503) and waits for the running handlers.
 * </ul>
 */
public final class Bot implements AutoCloseable {
  private static final System.Logger log = System.getLogger(Bot.class.getName());

  private final HttpServer server;
  private final ExecutorService requests;
  private final ExecutorService handlers;
  private final InFlight inFlight;
  private final ThreadLanes lanes;
  private final ThreadhookClient client;
  private final boolean ownsClient;
  private final Long userId;
  private final Duration shutdownTimeout;
  private final CountDownLatch closed = new CountDownLatch(1);

  private Bot(HttpServer server, ExecutorService requests, ExecutorService handlers,
      InFlight inFlight, ThreadLanes lanes, ThreadhookClient client, boolean ownsClient,
      Long userId, Duration shutdownTimeout) {
    this.server = server;
    this.requests = requests;
    this.handlers = handlers;
    this.inFlight = inFlight;
    this.lanes = lanes;
    this.client = client;
    this.ownsClient = ownsClient;
    this.userId = userId;
    this.shutdownTimeout = shutdownTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the bot listens on (the chosen one when started on port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The bot's user id, whose messages it ignores; null when it ignores none. */
  public Long userId() {
    return userId;
  }

  /** The client the bot replies with. */
  public ThreadhookClient client() {
    return client;
  }

  /** Handlers running or waiting for their thread's turn (for tests). */
  int unfinishedHandlers() {
    return lanes.unfinished();
  }

  /** Whether {@link #close()} has begun: new webhooks get 503 (for tests). */
  boolean isClosing() {
    return inFlight.isClosing();
  }

  /** Blocks until {@link #close()} has finished (from a shutdown hook, say). */
  public void awaitShutdown() throws InterruptedException {
    closed.await();
  }

  /**
   * Stops taking webhooks (new ones get 503, so the server keeps them for later), waits up to
   * the shutdown timeout for running handlers, then stops listening. Idempotent.
   */
  @Override
  public void close() {
    if (closed.getCount() == 0) return;
    synchronized (this) {
      if (closed.getCount() == 0) return;
      try {
        if (!inFlight.closeAndAwait(shutdownTimeout)) {
          log.log(Level.WARNING, "handlers still running after {0}; stopping anyway",
              shutdownTimeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server.stop(0);
      requests.shutdownNow();
      handlers.shutdownNow();
      if (ownsClient) client.close();
      closed.countDown();
    }
  }

  /** Configures and starts a bot; see {@link Bot} for an example. */
  public static final class Builder {
    private String serverUrl;
    private String token;
    private ThreadhookClient client;
    private String[] secrets;
    private WebhookVerifier verifier;
    private String bindAddress = "0.0.0.0";
    private String path = "/";
    private MessageHandler customerMessage;
    private MessageHandler employeeMessage;
    private MessageHandler internalNote;
    private boolean ignoreOwnMessages = true;
    private Long userId;
    private String hookUrl;
    private int rememberedDeliveries = 10_000;
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    private Builder() {}

    /** The Threadhook (or Instaply) server's base URL, e.g. {@code http://localhost:8080}. */
    public Builder server(String baseUrl) {
      this.serverUrl = baseUrl;
      return this;
    }

    /** The bot's API token. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** A client of your own instead of {@link #server} and {@link #token}; left open on close. */
    public Builder client(ThreadhookClient client) {
      this.client = client;
      return this;
    }

    /**
     * The webhook signing secret ({@code whsec_…}); several while you move to a new one. When
     * neither this nor {@link #verifier} is set, the bot reads it from {@code GET /api/webhook}.
     */
    public Builder secret(String... secrets) {
      this.secrets = secrets.clone();
      return this;
    }

    /** A verifier of your own (another tolerance, say) instead of {@link #secret}. */
    public Builder verifier(WebhookVerifier verifier) {
      this.verifier = verifier;
      return this;
    }

    /** A message a customer wrote. */
    public Builder onCustomerMessage(MessageHandler handler) {
      this.customerMessage = handler;
      return this;
    }

    /** A message an employee (or another bot) wrote in the public part of a thread. */
    public Builder onEmployeeMessage(MessageHandler handler) {
      this.employeeMessage = handler;
      return this;
    }

    /** A note an employee (or another bot) wrote in the invisible part of a thread. */
    public Builder onInternalNote(MessageHandler handler) {
      this.internalNote = handler;
      return this;
    }

    /** Whether to skip messages the bot itself wrote (default true: no reply loops). */
    public Builder ignoreOwnMessages(boolean ignore) {
      this.ignoreOwnMessages = ignore;
      return this;
    }

    /** The bot's user id, for servers without {@code GET /api/me}. */
    public Builder userId(long userId) {
      this.userId = userId;
      return this;
    }

    /** The address to listen on (default 0.0.0.0, every interface). */
    public Builder bind(String address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The path webhooks are POSTed to (default {@code /}, which takes any path). */
    public Builder path(String path) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/' but was '" + path + "'");
      }
      this.path = path;
      return this;
    }

    /**
     * Once listening, points the organization's hook at {@code publicUrl} (update-hook-url):
     * the address the server reaches this bot at, path included.
     */
    public Builder registerHookUrl(String publicUrl) {
      this.hookUrl = publicUrl;
      return this;
    }

    /** How many recent webhook ids are remembered to drop duplicates (default 10,000). */
    public Builder rememberedDeliveries(int count) {
      if (count < 1) throw new IllegalArgumentException("count must be positive but was " + count);
      this.rememberedDeliveries = count;
      return this;
    }

    /** How long {@link Bot#close()} waits for running handlers (default 10 s). */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Starts listening on {@code port} (0 for any free port) and returns the running bot.
     *
     * @throws IllegalStateException when the bot cannot learn its user id or secret, or cannot
     *     register its hook URL
     * @throws UncheckedIOException when the port cannot be bound
     */
    public Bot start(int port) {
      if (customerMessage == null && employeeMessage == null && internalNote == null) {
        throw new IllegalStateException(
            "a bot needs a handler: set onCustomerMessage, onEmployeeMessage or onInternalNote");
      }
      boolean ownsClient = client == null;
      ThreadhookClient api = ownsClient ? newClient() : client;
      HttpServer server = null;
      ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
      ExecutorService handlerThreads = Executors.newVirtualThreadPerTaskExecutor();
      try {
        Long ownId = ignoreOwnMessages ? ownUserId(api) : null;
        WebhookVerifier webhookVerifier = verifier != null ? verifier : verifier(api);
        InFlight inFlight = new InFlight();
        ThreadLanes lanes = new ThreadLanes(handlerThreads);
        WebhookEndpoint endpoint = new WebhookEndpoint(path, webhookVerifier, api,
            new WebhookEndpoint.Handlers(customerMessage, employeeMessage, internalNote),
            ownId, new RecentDeliveries(rememberedDeliveries), lanes, inFlight);
        server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        server.createContext("/", endpoint);
        server.setExecutor(requests);
        server.start();
        Bot bot = new Bot(server, requests, handlerThreads, inFlight, lanes, api, ownsClient,
            ownId, shutdownTimeout);
        if (hookUrl != null) register(bot, api);
        log.log(Level.INFO, "bot listening on {0}:{1,number,#}{2}", bindAddress, bot.port(), path);
        return bot;
      } catch (IOException e) {
        cleanUp(server, requests, handlerThreads, api, ownsClient);
        throw new UncheckedIOException(
            "the bot cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        cleanUp(server, requests, handlerThreads, api, ownsClient);
        throw e;
      }
    }

    private ThreadhookClient newClient() {
      if (serverUrl == null || token == null) {
        throw new IllegalStateException("a bot needs server(url) and token(token), or client(…)");
      }
      return ThreadhookClient.create(serverUrl, token);
    }

    private Long ownUserId(ThreadhookClient api) {
      if (userId != null) return userId;
      try {
        return api.me().user().id();
      } catch (ThreadhookException e) {
        throw new IllegalStateException("the bot could not learn its user id from GET /api/me ("
            + e.getMessage() + "); on a server without it, set userId(…) or "
            + "ignoreOwnMessages(false)", e);
      }
    }

    private WebhookVerifier verifier(ThreadhookClient api) {
      if (secrets != null) return new WebhookVerifier(secrets);
      try {
        String secret = api.webhook().secret();
        if (secret == null) throw new IllegalStateException("GET /api/webhook gave no secret");
        return new WebhookVerifier(secret);
      } catch (ThreadhookException | IllegalStateException e) {
        throw new IllegalStateException("the bot could not read its webhook secret from "
            + "GET /api/webhook (" + e.getMessage() + "); set secret(\"whsec_…\")", e);
      }
    }

    private void register(Bot bot, ThreadhookClient api) {
      try {
        api.updateHookUrl(hookUrl);
      } catch (ThreadhookException e) {
        bot.close();
        throw new IllegalStateException("the bot could not set the hook URL to " + hookUrl
            + ": " + e.getMessage(), e);
      }
    }

    private static void cleanUp(HttpServer server, ExecutorService requests,
        ExecutorService handlers, ThreadhookClient api, boolean ownsClient) {
      if (server != null) server.stop(0);
      requests.shutdownNow();
      handlers.shutdownNow();
      if (ownsClient) api.close();
    }
  }
}
