package dev.threadhook.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A webhook receiver on 127.0.0.1 that answers as scripted and records every request it gets,
 * headers and raw body: {@code receiver.enqueue(Answer.status(500)); … receiver.takeRequest()}.
 * Scripted answers are used in order, one per request; after them every request gets the
 * default answer (200, or what {@link #respondWith} says).
 */
public final class RecordingReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger inProgress = new AtomicInteger();
  private final AtomicInteger mostInProgress = new AtomicInteger();
  private Function<Request, Answer> responder = request -> Answer.ok();
  private int taken;

  private RecordingReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static RecordingReceiver start() {
    return new RecordingReceiver();
  }

  /** The hook URL: {@code http://127.0.0.1:<port>/hook}. */
  public String url() {
    return url("/hook");
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers the next requests with these, in order. */
  public synchronized RecordingReceiver enqueue(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** Answers every request not scripted with what {@code responder} says. */
  public synchronized RecordingReceiver respondWith(Function<Request, Answer> responder) {
    this.responder = responder;
    return this;
  }

  /** Every request so far, in arrival order. */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The next request not taken yet, waiting for it (20 s at most). */
  public synchronized Request takeRequest() {
    awaitCount(taken + 1);
    return requests.get(taken++);
  }

  /** Waits until at least {@code count} requests came (20 s at most); returns them all. */
  public synchronized List<Request> awaitRequests(int count) {
    awaitCount(count);
    return List.copyOf(requests);
  }

  /** The most requests this receiver was handling at one time. */
  public int mostConcurrentRequests() {
    return mostInProgress.get();
  }

  private void awaitCount(int count) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      while (requests.size() < count) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("expected " + count + " requests within " + WAIT.toSeconds()
              + " s but " + requests.size() + " came");
        }
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inProgress.incrementAndGet();
    mostInProgress.accumulateAndGet(now, Math::max);
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach(
          (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      Request request;
      synchronized (this) {
        Request received = new Request(exchange.getRequestMethod(),
            exchange.getRequestURI().toString(), headers, body, System.currentTimeMillis(),
            System.nanoTime(), null);
        Answer answer = script.isEmpty() ? responder.apply(received) : script.poll();
        request = received.answeredWith(answer);
        requests.add(request);
        notifyAll();
      }
      perform(request.answer(), exchange);
    } finally {
      inProgress.decrementAndGet();
    }
  }

  private void perform(Answer answer, HttpExchange exchange) throws IOException {
    switch (answer) {
      case Answer.Respond respond -> {
        respond.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = respond.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(respond.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
        exchange.close();
      }
      case Answer.Hang ignored -> {
        awaitClose(Duration.ofDays(1));
        exchange.close();
      }
      case Answer.Delayed delayed -> {
        awaitClose(delayed.delay());
        perform(delayed.then(), exchange);
      }
      // Closing before any answer drops the connection: the sender reads end-of-stream.
      case Answer.CloseConnection ignored -> exchange.close();
    }
  }

  private void awaitClose(Duration atMost) {
    try {
      closed.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  /** What the receiver does with a request. */
  public sealed interface Answer {
    static Answer ok() {
      return status(200);
    }

    static Answer status(int status) {
      return new Respond(status, Map.of(), "");
    }

    static Answer status(int status, String body) {
      return new Respond(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
    }

    /** 429 or 503 with a {@code Retry-After} header. */
    static Answer retryAfter(int status, String retryAfter) {
      return new Respond(status, Map.of("Retry-After", retryAfter), "");
    }

    static Answer redirect(int status, String location) {
      return new Respond(status, Map.of("Location", location), "");
    }

    /** Never answers (until the receiver is closed). */
    static Answer hang() {
      return new Hang();
    }

    /** Answers {@code then} after {@code delay}. */
    static Answer delayed(Duration delay, Answer then) {
      return new Delayed(delay, then);
    }

    /** Drops the connection without answering. */
    static Answer closeConnection() {
      return new CloseConnection();
    }

    /** The status this answer sends, or 0 when it sends none. */
    default int statusSent() {
      return switch (this) {
        case Respond r -> r.status();
        case Delayed d -> d.then().statusSent();
        default -> 0;
      };
    }

    record Respond(int status, Map<String, String> headers, String body) implements Answer {}

    record Hang() implements Answer {}

    record Delayed(Duration delay, Answer then) implements Answer {}

    record CloseConnection() implements Answer {}
  }

  /** A request as received, and the answer it got. */
  public record Request(
      String method,
      String path,
      Map<String, List<String>> headers,
      byte[] body,
      long receivedAtMillis,
      long receivedAtNanos,
      Answer answer) {

    Request answeredWith(Answer answer) {
      return new Request(method, path, headers, body, receivedAtMillis, receivedAtNanos, answer);
    }

    /** The first value of a header, by its name in any case; null when absent. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("expected a JSON body but was: " + bodyText(), e);
      }
    }

    /** The {@code messageBody} of the webhook body. */
    public String messageBody() {
      return json().path("messageBody").asText();
    }

    /** The {@code messageId} of the webhook body. */
    public long messageId() {
      return json().path("messageId").asLong();
    }

    /** Whether the receiver acknowledged it with a 2xx. */
    public boolean acknowledged() {
      int status = answer.statusSent();
      return status >= 200 && status < 300;
    }
  }
}
