package dev.threadhook.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted HTTP peer on loopback: {@link #enqueue} what it answers, run the code under test,
 * then {@link #takeRequest()} what it received. Unscripted requests get 500.
 */
public final class RecordingServer implements AutoCloseable {
  /** A received request: headers keyed by lower-case name. */
  public record RecordedRequest(
      String method, String path, Map<String, String> headers, byte[] bodyBytes) {
    public String body() {
      return new String(bodyBytes, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A scripted answer. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> more = new TreeMap<>(headers);
      more.put(name, value);
      return new Answer(status, more, body);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
  private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();

  public RecordingServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::record);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public RecordingServer enqueue(Answer answer) {
    answers.add(answer);
    return this;
  }

  public RecordingServer enqueueJson(int status, String body) {
    return enqueue(Answer.json(status, body));
  }

  /** The next request received, waiting up to five seconds for it. */
  public RecordedRequest takeRequest() {
    try {
      RecordedRequest request = requests.poll(5, TimeUnit.SECONDS);
      if (request == null) throw new AssertionError("expected a request but none came in 5 s");
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** How many requests arrived that no test took yet, after waiting {@code quiet} for more. */
  public int pendingRequests(Duration quiet) throws InterruptedException {
    Thread.sleep(quiet.toMillis());
    return requests.size();
  }

  private void record(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
      String path = exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null
              ? "" : "?" + exchange.getRequestURI().getRawQuery());
      requests.add(new RecordedRequest(exchange.getRequestMethod(), path, headers,
          exchange.getRequestBody().readAllBytes()));
      Answer answer = answers.poll();
      if (answer == null) answer = Answer.json(500, "{\"error\":{\"code\":\"unscripted\","
          + "\"message\":\"the test enqueued no answer for this request\"}}");
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
