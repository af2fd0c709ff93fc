package dev.threadhook.server.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.server.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Makes one attempt of a delivery: signs the body, POSTs it with the JDK's HttpClient (HTTP/1.1,
 * no proxy, no redirects), and says what came of it. Never throws for what the hook or the
 * network does; every outcome is an {@link AttemptResult}.
 */
final class WebhookSender implements AutoCloseable {
  private final HttpClient.Builder clientBuilder;
  /** Built by {@link #prepare()} or the first attempt, whichever comes first. */
  private volatile HttpClient client;
  private boolean closed;
  private final ExecutorService executor;
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final boolean allowPrivate;
  private final ResolutionGuard guard;
  private final String userAgent;

  WebhookSender(WebhookConfig config, boolean allowPrivate, ResolutionGuard guard,
      String userAgent, ObjectMapper json, Clock clock) {
    this.executor = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("webhook-http-", 0).factory());
    this.clientBuilder = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .version(HttpClient.Version.HTTP_1_1)
        .executor(executor);
    this.json = json;
    this.clock = clock;
    this.connectTimeout = config.connectTimeout();
    this.requestTimeout = config.requestTimeout();
    this.allowPrivate = allowPrivate;
    this.guard = guard;
    this.userAgent = userAgent;
    if (!allowPrivate) loadResolver();
  }

  /**
   * The JDK loads the resolver provider on the first lookup of a name; doing one now makes
   * {@link ResolutionGuard#installed()} meaningful from the start.
   */
  private static void loadResolver() {
    try {
      InetAddress.getAllByName("localhost");
    } catch (UnknownHostException ignored) {
      // the lookup's only purpose was to load the resolver
    }
  }

  /**
   * POSTs the delivery once.
   *
   * @throws InterruptedException when the node is shutting down; the attempt is abandoned
   */
  AttemptResult send(ClaimedDelivery delivery) throws InterruptedException {
    long startedAt = clock.millis();
    long started = System.nanoTime();
    byte[] body;
    try {
      body = json.writeValueAsBytes(delivery.payload());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a webhook payload did not serialize", e);
    }
    URI uri;
    try {
      uri = new URI(delivery.url());
    } catch (URISyntaxException e) {
      return failure(startedAt, started, "the hook url is not a valid URL");
    }
    long timestamp = Math.floorDiv(startedAt, 1000);
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(uri);
    } catch (IllegalArgumentException e) {
      return failure(startedAt, started, "the hook url is not an http or https URL");
    }
    HttpRequest request = builder
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", userAgent)
        .header("webhook-id", delivery.webhookId())
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature",
            WebhookSigner.signatureHeader(delivery.webhookId(), timestamp, body, delivery.secrets()))
        .header("webhook-attempt", Integer.toString(delivery.attempt()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    String host = uri.getHost();
    if (allowPrivate) return exchange(request, startedAt, started);
    try (ResolutionGuard.Handle ignored = guard.guard(host)) {
      if (!guard.installed()) {
        return failure(startedAt, started, "refused: the outbound address check is not installed"
            + " (META-INF/services/java.net.spi.InetAddressResolverProvider is missing from the"
            + " class path), so only --allow-private-webhooks would let webhooks out");
      }
      ResolutionGuard.requireAllowed(host, Arrays.asList(InetAddress.getAllByName(host)));
      return exchange(request, startedAt, started);
    } catch (UnknownHostException e) {
      String reason = e instanceof ResolutionGuard.RefusedAddressException
          ? "refused: " + e.getMessage()
          : "the host " + host + " could not be resolved";
      return failure(startedAt, started, reason);
    }
  }

  private AttemptResult exchange(HttpRequest request, long startedAt, long started)
      throws InterruptedException {
    AtomicInteger statusSeen = new AtomicInteger();
    CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request, info -> {
      statusSeen.set(info.statusCode());
      return new CappedBody(AttemptResult.MAX_BODY_BYTES);
    });
    try {
      HttpResponse<byte[]> response = future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
      Duration retryAfter = null;
      if (response.statusCode() == 429 || response.statusCode() == 503) {
        retryAfter = RetryAfter.parse(
            response.headers().firstValue("Retry-After").orElse(null), clock.millis()).orElse(null);
      }
      return new AttemptResult(startedAt, elapsed(started), response.statusCode(),
          text(response.body()), null, retryAfter);
    } catch (TimeoutException e) {
      future.cancel(true);
      int status = statusSeen.get();
      if (status != 0) {
        // The hook answered in time; only the rest of its body did not come.
        return new AttemptResult(startedAt, elapsed(started), status, null,
            "the answer's body did not end within " + seconds(requestTimeout), null);
      }
      return failure(startedAt, started, "no answer within " + seconds(requestTimeout));
    } catch (ExecutionException e) {
      return failure(startedAt, started, describe(e.getCause()));
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }

  /** Says why an attempt got no answer, in words an operator reads in the attempt's record. */
  private String describe(Throwable failure) {
    if (failure instanceof HttpConnectTimeoutException) {
      return "could not connect within " + seconds(connectTimeout);
    }
    if (failure instanceof HttpTimeoutException) return "no answer within " + seconds(requestTimeout);
    if (hasCause(failure, UnresolvedAddressException.class)
        || hasCause(failure, UnknownHostException.class)) {
      return "the host could not be resolved";
    }
    String detail = firstMessage(failure);
    if (failure instanceof ConnectException) {
      return "could not connect: " + (detail == null ? "connection refused" : detail);
    }
    if (failure instanceof SSLException) return "TLS failed: " + detail;
    if (failure instanceof IOException) {
      return "the connection failed before an answer: "
          + (detail == null ? failure.getClass().getSimpleName() : detail);
    }
    return "the request failed: " + failure.getClass().getSimpleName();
  }

  /** The outermost message, with the root cause's when it says more ("… (Connection reset)"). */
  private static String firstMessage(Throwable failure) {
    String first = null;
    String root = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message == null || message.isBlank()) continue;
      if (first == null) first = message;
      root = message;
    }
    return first == null || first.equals(root) ? first : first + " (" + root + ")";
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) return true;
    }
    return false;
  }

  private AttemptResult failure(long startedAt, long started, String error) {
    return new AttemptResult(startedAt, elapsed(started), null, null, error, null);
  }

  private static long elapsed(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The answer as text for the attempt's record; NULs go, as PostgreSQL text cannot hold them. */
  private static String text(byte[] body) {
    if (body == null || body.length == 0) return null;
    return new String(body, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
  }

  /**
   * Builds the HTTP client now, on a thread of its own, so that the first attempts need not wait
   * for it: called once the server listens. Building it loads the JDK's default TLS context (its
   * trusted certificates), ~0.4 s on the benchmark machine at a cold start, which a
   * server need not spend before it serves (docs/benchmarks.md, profile 32).
   */
  void prepare() {
    Thread.ofVirtual().name("webhook-client-setup").start(() -> {
      synchronized (this) {
        if (!closed) client();
      }
    });
  }

  /** Every attempt asks: once built, the client is read without taking the lock. */
  private HttpClient client() {
    HttpClient built = client;
    if (built != null) return built;
    synchronized (this) {
      if (client == null) {
        if (closed) throw new IllegalStateException("closed");
        client = clientBuilder.build();
      }
      return client;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) client.shutdownNow();
    executor.shutdownNow();
  }

  /**
   * Keeps the first {@code cap} bytes of an answer and stops reading there, so a hook that
   * answers with an endless body costs nothing more.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int cap;
    private Flow.Subscription subscription;

    CappedBody(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        int take = Math.min(item.remaining(), cap - bytes.size());
        byte[] chunk = new byte[take];
        item.get(chunk);
        bytes.write(chunk, 0, take);
      }
      if (bytes.size() >= cap) {
        subscription.cancel();
        result.complete(bytes.toByteArray());
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
