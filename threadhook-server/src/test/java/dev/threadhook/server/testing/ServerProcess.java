package dev.threadhook.server.testing;

import dev.threadhook.server.cli.ThreadhookCommand;
import dev.threadhook.server.storage.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server in a JVM of its own (the test classpath, {@code threadhook serve}), so a test can kill
 * it with SIGKILL the way a crash would, and start another on the same data.
 */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code threadhook serve} on {@code database} and waits until it answers. */
  public static ServerProcess start(Path dataDir, DatabaseConfig database, String... extraArgs) {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        ThreadhookCommand.class.getName(), "serve",
        "--bind", "127.0.0.1", "--port", Integer.toString(port),
        "--data-dir", dataDir.toString(), "--rate-limit", "0"));
    if (!database.url().startsWith("jdbc:h2:")) {
      command.addAll(List.of("--db-url", database.url(), "--db-user", database.user(),
          "--db-password", database.password()));
    }
    command.addAll(List.of(extraArgs));
    Path log = dataDir.resolve("server-" + port + ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      ServerProcess server = new ServerProcess(process, port, log);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("server exited; see " + log);
      try {
        HttpResponse<Void> response = client.send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/healthz")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) return;
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(100);
    }
    throw new IllegalStateException("server not ready in 30 s; see " + log);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) kill();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
