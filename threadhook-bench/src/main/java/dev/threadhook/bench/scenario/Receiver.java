package dev.threadhook.bench.scenario;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on loopback: it records every delivery that arrives — its
 * {@code webhook-id}, raw body and arrival time — and answers as it is told: accept (204), fail
 * with a status, hang until released, or be down altogether (connections refused) and come back
 * on the same port. Scenarios point an organization's hook URL at {@link #url()}.
 */
public final class Receiver implements AutoCloseable {
  /**
   * A delivery as it arrived.
   *
   * @param attempt its {@code webhook-attempt} header, from 1; 0 when it had none
   * @param receivedAtNanos System.nanoTime when its body had been read
   * @param answeredWith the status it was answered with, or -1 when it was left hanging
   */
  public record Arrival(
      String webhookId, int attempt, byte[] body, long receivedAtNanos, int answeredWith) {

    /** Whether it was answered with 2xx at once, so the sender counts it delivered. */
    public boolean accepted() {
      return answeredWith >= 200 && answeredWith < 300;
    }
  }

  private final int port;
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Arrival> arrivals = new ArrayList<>();
  private HttpServer server;
  private volatile int answerStatus = 204;
  private volatile CountDownLatch hangUntil;

  private Receiver(HttpServer server) {
    this.server = server;
    this.port = server.getAddress().getPort();
    listen();
  }

  /** A receiver on a free loopback port, accepting every delivery with 204. */
  public static Receiver start() {
    return new Receiver(bind(0));
  }

  /** Where deliveries are to be sent. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port + "/hook");
  }

  /** From now on every delivery is answered with {@code status} (204 accepts). */
  public void answerWith(int status) {
    release();
    answerStatus = status;
  }

  /** From now on every delivery is left without an answer until {@link #release()}. */
  public void hang() {
    hangUntil = new CountDownLatch(1);
  }

  /** Answers the deliveries left hanging, and answers the next ones at once again. */
  public void release() {
    CountDownLatch latch = hangUntil;
    hangUntil = null;
    if (latch != null) latch.countDown();
  }

  /** Stops listening: deliveries find the port closed until {@link #comeBack()}. */
  public synchronized void goDown() {
    if (server == null) return;
    server.stop(0);
    server = null;
  }

  /** Listens again on the same port. */
  public synchronized void comeBack() {
    if (server != null) return;
    server = bind(port);
    listen();
  }

  /** Every delivery so far, in arrival order. */
  public List<Arrival> arrivals() {
    return arrivalsFrom(0);
  }

  /**
   * The deliveries from the {@code from}th on (0 is the first), in arrival order: a caller
   * following arrivals as they come reads each once.
   */
  public List<Arrival> arrivalsFrom(int from) {
    synchronized (arrivals) {
      return List.copyOf(arrivals.subList(Math.min(from, arrivals.size()), arrivals.size()));
    }
  }

  public int count() {
    synchronized (arrivals) {
      return arrivals.size();
    }
  }

  /** Waits until {@code count} deliveries have arrived; false when the time ran out first. */
  public boolean awaitArrivals(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (arrivals.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        arrivals.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  private static HttpServer bind(int port) {
    try {
      return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
  }

  private void listen() {
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      long receivedAt = System.nanoTime();
      CountDownLatch hanging = hangUntil;
      int status = hanging != null ? -1 : answerStatus;
      record(new Arrival(exchange.getRequestHeaders().getFirst("webhook-id"),
          attempt(exchange.getRequestHeaders().getFirst("webhook-attempt")), body, receivedAt,
          status));
      if (hanging != null) {
        awaitRelease(hanging);
        status = answerStatus;
      }
      exchange.sendResponseHeaders(status, -1);
    }
  }

  private static int attempt(String header) {
    try {
      return header == null ? 0 : Integer.parseInt(header.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void record(Arrival arrival) {
    synchronized (arrivals) {
      arrivals.add(arrival);
      arrivals.notifyAll();
    }
  }

  private static void awaitRelease(CountDownLatch hanging) {
    try {
      hanging.await();
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release();
    goDown();
    handlers.shutdownNow();
  }
}
