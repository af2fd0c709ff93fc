package dev.threadhook.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that loses answers: for its first {@code dropped} connections it forwards
 * the request to the upstream server, lets the server answer, and closes the client's connection
 * without passing the answer on — the server acted, the client never hears of it. Later
 * connections are forwarded both ways.
 */
public final class DroppingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int upstreamPort;
  private final AtomicInteger toDrop;
  private final AtomicInteger connections = new AtomicInteger();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  public DroppingProxy(int upstreamPort, int dropped) {
    this.upstreamPort = upstreamPort;
    this.toDrop = new AtomicInteger(dropped);
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::accept);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** Client connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        connections.incrementAndGet();
        boolean drop = toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        threads.execute(() -> serve(client, drop));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client, boolean drop) {
    try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      threads.execute(() -> pump(client, upstream));
      InputStream fromServer = upstream.getInputStream();
      if (drop) {
        // Wait for the first byte of the answer: by then the server has acted on the request.
        fromServer.read();
        return;
      }
      pump(upstream, client);
    } catch (IOException ignored) {
      // one side closed: the connection is over
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (SocketException closed) {
      // the other direction ended the connection
    } catch (IOException ignored) {
      // same
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    threads.shutdownNow();
  }
}
