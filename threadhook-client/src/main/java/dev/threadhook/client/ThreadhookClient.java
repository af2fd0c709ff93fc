package dev.threadhook.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.api.CustomerThread;
import dev.threadhook.api.Me;
import dev.threadhook.api.Message;
import dev.threadhook.api.Page;
import dev.threadhook.api.SendMessageRequest;
import dev.threadhook.api.ThreadStatus;
import dev.threadhook.api.UpdateHookUrlRequest;
import dev.threadhook.api.UpdateThreadStatusRequest;
import dev.threadhook.api.WebhookDelivery;
import dev.threadhook.api.WebhookState;
import dev.threadhook.client.HttpTransport.Call;
import dev.threadhook.client.HttpTransport.Replay;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the Instaply Bot API and of Threadhook's reads, for one token.
 *
 * <pre>{@code
 * ThreadhookClient client = ThreadhookClient.create("https://threadhook.example.com", token);
 * client.sendMessage(threadId, "Hello, I am a bot.");
 * client.sendInternalNote(threadId, "Handing over to a human.");
 * client.updateThreadStatus(threadId, ThreadStatus.WAITING);
 * client.updateHookUrl("https://bot.example.com/webhook");
 * }</pre>
 *
 * <p>These are the reference's three calls (a note is a send with {@code internal: true}); they
 * send only its fields, its {@code token} and {@code Content-Type} headers, and on a send an
 * {@code Idempotency-Key}, so they work against any server that speaks the documented API. The reads ({@link #me()}, {@link
 * #threads(ThreadQuery)}, {@link #messages(long, String, int)}…) and the webhook calls are
 * Threadhook's.
 *
 * <p>Errors: an error answer is thrown as a {@link ThreadhookApiException} subclass ({@link
 * UnauthorizedException}, {@link ForbiddenException}, {@link NotFoundException}, {@link
 * InvalidRequestException}, {@link RateLimitedException}, {@link ServerErrorException}); no
 * answer at all as a {@link ThreadhookNetworkException}. Connect failures, 429 and 503 are
 * retried with exponential backoff first (honouring {@code Retry-After}); a lost answer is
 * retried for every call that is safe to repeat. Each send gets one {@code Idempotency-Key}
 * that all its attempts share, so a retried send never posts twice.
 *
 * <p>Every call has an {@code …Async} twin returning a {@link CompletableFuture} that completes
 * exceptionally with the same exceptions. Thread-safe; share one instance.
 */
public final class ThreadhookClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final HttpTransport transport;
  private final Executor executor;
  private final HttpClient ownHttpClient;

  private ThreadhookClient(HttpTransport transport, Executor executor, HttpClient ownHttpClient) {
    this.transport = transport;
    this.executor = executor;
    this.ownHttpClient = ownHttpClient;
  }

  /** A client with the default timeouts and retries. */
  public static ThreadhookClient create(String baseUrl, String token) {
    return builder().baseUrl(baseUrl).token(token).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The server's base URL, without a trailing slash. */
  public String baseUrl() {
    return transport.baseUrl();
  }

  // ---- The Instaply Bot API ----

  /** Posts {@code text} in the public part of a thread, seen by the customer. */
  public Message sendMessage(long threadId, String text) {
    return send(new SendMessageRequest(text, threadId, false), newIdempotencyKey());
  }

  public CompletableFuture<Message> sendMessageAsync(long threadId, String text) {
    return async(() -> sendMessage(threadId, text));
  }

  /** Posts {@code text} in the invisible, employee-only part of a thread. */
  public Message sendInternalNote(long threadId, String text) {
    return send(new SendMessageRequest(text, threadId, true), newIdempotencyKey());
  }

  public CompletableFuture<Message> sendInternalNoteAsync(long threadId, String text) {
    return async(() -> sendInternalNote(threadId, text));
  }

  /**
   * Sends with an {@code Idempotency-Key} of your choosing: the server answers a repeat of the
   * same key and request (within 24 hours) with the first message instead of posting again.
   *
   * @return the message posted; null when the server answered 2xx without a message, as a
   *     server following only the reference may
   */
  public Message send(SendMessageRequest request, String idempotencyKey) {
    Objects.requireNonNull(request, "request");
    Call call = Call.post("/api/send-message-to-customer-thread", toJson(request),
        Replay.AFTER_ANY_FAILURE);
    if (idempotencyKey != null) call = call.header("Idempotency-Key", idempotencyKey);
    return lenient(transport.send(call), Message.class);
  }

  public CompletableFuture<Message> sendAsync(SendMessageRequest request, String idempotencyKey) {
    return async(() -> send(request, idempotencyKey));
  }

  /**
   * Sets a thread's status.
   *
   * @return the thread as it now is; null when the server answered 2xx without one
   */
  public CustomerThread updateThreadStatus(long threadId, ThreadStatus status) {
    Objects.requireNonNull(status, "status");
    return lenient(transport.send(Call.post("/api/update-thread-status",
            toJson(new UpdateThreadStatusRequest(status, threadId)), Replay.AFTER_ANY_FAILURE)),
        CustomerThread.class);
  }

  public CompletableFuture<CustomerThread> updateThreadStatusAsync(
      long threadId, ThreadStatus status) {
    return async(() -> updateThreadStatus(threadId, status));
  }

  /** Sets the organization's hook URL, where every message is POSTed; null removes it. */
  public void updateHookUrl(String url) {
    transport.send(Call.post("/api/update-hook-url", toJson(new UpdateHookUrlRequest(url)),
        Replay.AFTER_ANY_FAILURE));
  }

  public CompletableFuture<Void> updateHookUrlAsync(String url) {
    return async(() -> {
      updateHookUrl(url);
      return null;
    });
  }

  // ---- Threadhook's reads ----

  /** Who this token belongs to: its user (the {@code employeeUserId} of what it sends). */
  public Me me() {
    return get("/api/me", type(Me.class));
  }

  public CompletableFuture<Me> meAsync() {
    return async(this::me);
  }

  /** The first page of the threads the token can see, newest first. */
  public Page<CustomerThread> threads() {
    return threads(ThreadQuery.all());
  }

  public Page<CustomerThread> threads(ThreadQuery query) {
    Query q = new Query()
        .add("status", query.status() == null ? null : query.status().wireName())
        .add("storeId", query.storeId())
        .add("cursor", query.cursor())
        .add("limit", query.limit());
    return get("/api/customer-threads" + q, pageOf(CustomerThread.class));
  }

  public CompletableFuture<Page<CustomerThread>> threadsAsync(ThreadQuery query) {
    return async(() -> threads(query));
  }

  public CustomerThread thread(long threadId) {
    return get("/api/customer-threads/" + threadId, type(CustomerThread.class));
  }

  public CompletableFuture<CustomerThread> threadAsync(long threadId) {
    return async(() -> thread(threadId));
  }

  /** The first page of a thread's messages, both parts, oldest first. */
  public Page<Message> messages(long threadId) {
    return messages(threadId, null, 0);
  }

  /**
   * A page of a thread's messages, both parts, oldest first.
   *
   * @param after the previous page's {@code nextCursor}, or a message's {@code sequence} as a
   *     string; null from the first message
   * @param limit page size (1 to 200); 0 for the server's default
   */
  public Page<Message> messages(long threadId, String after, int limit) {
    Query q = new Query().add("after", after).add("limit", limit > 0 ? limit : null);
    return get("/api/customer-threads/" + threadId + "/messages" + q, pageOf(Message.class));
  }

  public CompletableFuture<Page<Message>> messagesAsync(long threadId, String after, int limit) {
    return async(() -> messages(threadId, after, limit));
  }

  /** An attachment's bytes, by the uuid a message or webhook gave. */
  public DownloadedAttachment downloadAttachment(String uuid) {
    Objects.requireNonNull(uuid, "uuid");
    HttpResponse<byte[]> r = transport.send(Call.get("/api/attachments/" + pathSegment(uuid)));
    return new DownloadedAttachment(
        fileName(r.headers().firstValue("Content-Disposition").orElse(null)),
        r.headers().firstValue("Content-Type").orElse(null),
        r.body());
  }

  public CompletableFuture<DownloadedAttachment> downloadAttachmentAsync(String uuid) {
    return async(() -> downloadAttachment(uuid));
  }

  // ---- Threadhook's webhook management ----

  /** The organization's hook URL, signing secret and delivery counts. */
  public WebhookState webhook() {
    return get("/api/webhook", type(WebhookState.class));
  }

  public CompletableFuture<WebhookState> webhookAsync() {
    return async(this::webhook);
  }

  /**
   * Replaces the signing secret; for a while deliveries carry signatures with both the old and
   * the new one, so receivers can switch without losing any.
   */
  public WebhookState rotateWebhookSecret() {
    return post("/api/webhook/rotate-secret", type(WebhookState.class));
  }

  public CompletableFuture<WebhookState> rotateWebhookSecretAsync() {
    return async(this::rotateWebhookSecret);
  }

  /**
   * Pauses deliveries: messages keep being queued, in order, and none is sent until
   * {@link #resumeWebhook()}. For a receiver's maintenance window.
   */
  public WebhookState pauseWebhook() {
    return post("/api/webhook/pause", type(WebhookState.class));
  }

  public CompletableFuture<WebhookState> pauseWebhookAsync() {
    return async(this::pauseWebhook);
  }

  /**
   * Resumes deliveries paused, or disabled by a 410: what queued meanwhile is sent, each thread
   * in order.
   */
  public WebhookState resumeWebhook() {
    return post("/api/webhook/resume", type(WebhookState.class));
  }

  public CompletableFuture<WebhookState> resumeWebhookAsync() {
    return async(this::resumeWebhook);
  }

  public Page<WebhookDelivery> webhookDeliveries(DeliveryQuery query) {
    Query q = new Query()
        .add("status", query.status() == null ? null : query.status().wireName())
        .add("threadId", query.threadId())
        .add("cursor", query.cursor());
    return get("/api/webhook-deliveries" + q, pageOf(WebhookDelivery.class));
  }

  public CompletableFuture<Page<WebhookDelivery>> webhookDeliveriesAsync(DeliveryQuery query) {
    return async(() -> webhookDeliveries(query));
  }

  /** One delivery with all its attempts. */
  public WebhookDelivery webhookDelivery(long deliveryId) {
    return get("/api/webhook-deliveries/" + deliveryId, type(WebhookDelivery.class));
  }

  public CompletableFuture<WebhookDelivery> webhookDeliveryAsync(long deliveryId) {
    return async(() -> webhookDelivery(deliveryId));
  }

  /** Sends a delivery again (a failed one, say), keeping its {@code webhook-id}. */
  public WebhookDelivery redeliver(long deliveryId) {
    return post("/api/webhook-deliveries/" + deliveryId + "/redeliver",
        type(WebhookDelivery.class));
  }

  public CompletableFuture<WebhookDelivery> redeliverAsync(long deliveryId) {
    return async(() -> redeliver(deliveryId));
  }

  /** Closes the HTTP client this client made; one given to the builder is left open. */
  @Override
  public void close() {
    if (ownHttpClient != null) ownHttpClient.close();
  }

  // ---- plumbing ----

  private <T> T get(String path, JavaType type) {
    Call call = Call.get(path);
    return strict(call, transport.send(call), type);
  }

  private <T> T post(String path, JavaType type) {
    Call call = Call.post(path, "{}".getBytes(StandardCharsets.UTF_8), Replay.ONLY_IF_UNSENT);
    return strict(call, transport.send(call), type);
  }

  /** Runs a call on the executor; the future fails with the exception the call threw. */
  private <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, executor);
  }

  private static <T> T strict(Call call, HttpResponse<byte[]> response, JavaType type) {
    try {
      return JSON.readValue(response.body(), type);
    } catch (IOException e) {
      throw new ThreadhookException(call.describe() + " answered " + response.statusCode()
          + " with a body that is not a " + type.toCanonical() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * The reference documents no answer body for its three calls: read one when it is a JSON
   * object with an id, else null.
   */
  private static <T> T lenient(HttpResponse<byte[]> response, Class<T> type) {
    try {
      JsonNode node = JSON.readTree(response.body());
      if (node == null || !node.isObject() || !node.path("id").isIntegralNumber()) return null;
      return JSON.treeToValue(node, type);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static JavaType type(Class<?> type) {
    return JSON.getTypeFactory().constructType(type);
  }

  private static JavaType pageOf(Class<?> item) {
    return JSON.getTypeFactory().constructParametricType(Page.class, item);
  }

  private static byte[] toJson(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
    }
  }

  private static String newIdempotencyKey() {
    return UUID.randomUUID().toString();
  }

  private static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static final Pattern FILENAME_STAR =
      Pattern.compile("filename\\*\\s*=\\s*(?:UTF-8|utf-8)''([^;]+)");
  private static final Pattern FILENAME = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?");

  static String fileName(String contentDisposition) {
    if (contentDisposition == null) return null;
    Matcher star = FILENAME_STAR.matcher(contentDisposition);
    if (star.find()) return URLDecoder.decode(star.group(1).strip(), StandardCharsets.UTF_8);
    Matcher plain = FILENAME.matcher(contentDisposition);
    return plain.find() ? plain.group(1).strip() : null;
  }

  /** A query string of the parameters that are set. */
  private static final class Query {
    private final List<String> parts = new ArrayList<>();

    Query add(String name, Object value) {
      if (value != null) {
        parts.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
      }
      return this;
    }

    @Override
    public String toString() {
      return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }
  }

  /**
   * Configures a client. Only the base URL and the token are required.
   *
   * <pre>{@code
   * ThreadhookClient client = ThreadhookClient.builder()
   *     .baseUrl("https://threadhook.example.com").token(token)
   *     .requestTimeout(Duration.ofSeconds(10)).maxRetries(5)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private String baseUrl;
    private String token;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxRetries = 3;
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private HttpClient httpClient;
    private Executor executor;

    private Builder() {}

    /** The server, e.g. {@code https://threadhook.example.com}; the API is under {@code /api}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The API token, sent in the {@code token} header. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** How long to wait for a connection (default 5 s); ignored with {@link #httpClient}. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long one attempt may wait for its answer (default 30 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** Retries after the first attempt (default 3); 0 disables retrying. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be 0 or more but was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * The wait before the first retry (default 250 ms), doubling on each next one up to
     * {@code max} (default 8 s), with jitter.
     */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = positive(initial, "initial backoff");
      this.maxBackoff = positive(max, "max backoff");
      return this;
    }

    /**
     * The longest {@code Retry-After} the client waits out itself (default 30 s); a longer one
     * is thrown at once as a {@link RateLimitedException} or {@link ServerErrorException}.
     */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = Objects.requireNonNull(max, "maxRetryAfter");
      return this;
    }

    /** An HTTP client of your own (proxy, TLS settings…); it should speak HTTP/1.1. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** Runs the {@code …Async} calls (default: a virtual thread each). */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    public ThreadhookClient build() {
      String base = checkBaseUrl(baseUrl);
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("token must be set to an API token but was "
            + (token == null ? "null" : "blank"));
      }
      Executor exec = executor != null
          ? executor : task -> Thread.ofVirtual().name("threadhook-client").start(task);
      HttpClient own = null;
      HttpClient http = httpClient;
      if (http == null) {
        // HTTP/1.1: the JDK's default would offer an h2c upgrade with extra headers, which a
        // server that only follows the reference need not understand.
        HttpClient.Builder b = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
        own = http = b.build();
      }
      HttpTransport transport = new HttpTransport(base, token.strip(), http, requestTimeout,
          new HttpTransport.RetryPolicy(maxRetries, initialBackoff, maxBackoff, maxRetryAfter),
          JSON, userAgent());
      return new ThreadhookClient(transport, exec, own);
    }

    private static String checkBaseUrl(String baseUrl) {
      if (baseUrl == null || baseUrl.isBlank()) {
        throw new IllegalArgumentException("baseUrl must be set, e.g. http://localhost:8080");
      }
      String trimmed = baseUrl.strip();
      while (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
      URI uri;
      try {
        uri = URI.create(trimmed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("baseUrl must be an http or https URL but was '"
            + baseUrl + "'", e);
      }
      String scheme = uri.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)
          || uri.getHost() == null) {
        throw new IllegalArgumentException("baseUrl must be an http or https URL with a host but was '"
            + baseUrl + "'");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("baseUrl must not have a query or fragment but was '"
            + baseUrl + "'");
      }
      return trimmed;
    }

    private static Duration positive(Duration value, String name) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + value);
      }
      return value;
    }

    private static String userAgent() {
      String version = ThreadhookClient.class.getPackage().getImplementationVersion();
      return "threadhook-java/" + (version == null ? "dev" : version);
    }
  }
}
