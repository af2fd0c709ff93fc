package dev.threadhook.bench.scenario;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A webhook receiver on loopback: it records every delivery that arrives — its
 * {@code webhook-id}, raw body and arrival time — and answers as it is told: accept (204), fail
 * with a status, hang until released, or be down altogether (connections refused) and come back
 * on the same port. Scenarios point an organization's hook URL at {@link #url()}.
 *
 * <p>It runs on Jetty, in the load generator's JVM, on the same cores as the server it measures:
 * every microsecond it spends on a delivery is one the server cannot have. In five alternating
 * pairs of drains its threads took 22–55 µs of CPU a delivery, against 29–96 µs for the JDK's
 * {@code com.sun.net.httpserver} on virtual threads (docs/benchmarks-history.md, twenty-first session).
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

  /**
   * Threads for the deliveries left hanging: a hook takes at most its concurrency's worth at once
   * (32 by default), and a fanout hangs one receiver.
   */
  private static final int MAX_THREADS = 256;

  private final List<Arrival> arrivals = new ArrayList<>();
  private final int port;
  private Server server;
  private volatile int answerStatus = 204;
  private volatile CountDownLatch hangUntil;

  private Receiver() {
    this.server = listen(0);
    this.port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** A receiver on a free loopback port, accepting every delivery with 204. */
  public static Receiver start() {
    return new Receiver();
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
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the receiver on port " + port + " did not stop", e);
    }
    server = null;
  }

  /** Listens again on the same port. */
  public synchronized void comeBack() {
    if (server != null) return;
    server = listen(port);
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

  private Server listen(int port) {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
    threads.setName("receiver");
    Server listening = new Server(threads);
    ServerConnector connector = new ServerConnector(listening, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setAcceptQueueSize(1024);
    listening.addConnector(connector);
    listening.setHandler(new AbstractHandler() {
      @Override
      public void handle(String target, Request base, HttpServletRequest request,
          HttpServletResponse response) throws IOException {
        base.setHandled(true);
        response.setStatus(receive(request));
      }
    });
    // Going down closes the connections at once, as a receiver that crashed would.
    listening.setStopTimeout(0);
    try {
      listening.start();
    } catch (Exception e) {
      try {
        listening.stop();
      } catch (Exception ignored) {
        // the start's failure is the one to report
      }
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port,
          e instanceof IOException io ? io : new IOException(e));
    }
    return listening;
  }

  /** Records a delivery and says the status to answer it with, once it is to be answered. */
  private int receive(HttpServletRequest request) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readAllBytes();
    }
    long receivedAt = System.nanoTime();
    CountDownLatch hanging = hangUntil;
    int status = hanging != null ? -1 : answerStatus;
    record(new Arrival(request.getHeader("webhook-id"),
        attempt(request.getHeader("webhook-attempt")), body, receivedAt, status));
    if (hanging == null) return status;
    awaitRelease(hanging);
    return answerStatus;
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
  }
}
