package dev.threadhook.server.testing;

import dev.threadhook.server.storage.DatabaseConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code threadhook serve} in a JVM of its own, started from the test class path, so a test can
 * kill it with SIGKILL: no shutdown hook, no finally block, no flush.
 */
public final class ChildServer implements AutoCloseable {
  private static final Pattern READY = Pattern.compile(
      "listening on http://[^:]+:(\\d+) \\(.*webhook node (\\S+),");

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final int port;
  private final String nodeId;
  private final Thread outputReader;

  private ChildServer(Process process) {
    this.process = process;
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    outputReader = Thread.ofVirtual().start(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          output.append(line).append('\n');
          Matcher m = READY.matcher(line);
          if (m.find()) ready.complete(m);
        }
      } catch (IOException ignored) {
        // the process is gone; its output so far is kept
      }
      ready.completeExceptionally(new IllegalStateException("the server exited"));
    });
    try {
      Matcher m = ready.get(60, TimeUnit.SECONDS);
      this.port = Integer.parseInt(m.group(1));
      this.nodeId = m.group(2);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("the child server did not start; its output:\n" + output, e);
    }
  }

  /**
   * Starts {@code threadhook serve} on a free loopback port over {@code database}, with private
   * webhooks allowed and {@code options} added.
   */
  public static ChildServer start(Path dataDir, DatabaseConfig database, List<String> options) {
    return start(dataDir, database, "256m", options);
  }

  /** The same with a heap of {@code maxHeap} ({@code -Xmx}), the launcher's being 96m. */
  public static ChildServer start(
      Path dataDir, DatabaseConfig database, String maxHeap, List<String> options) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        "dev.threadhook.server.cli.ThreadhookCommand", "serve",
        "--bind", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString(),
        "--allow-private-webhooks"));
    if (database.url().startsWith("jdbc:postgresql:")) {
      command.addAll(List.of("--db-url", database.url(), "--db-user", database.user(),
          "--db-password", database.password()));
    }
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("THREADHOOK_"));
    try {
      return new ChildServer(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Http http() {
    return new Http(baseUrl());
  }

  /** The name its dispatcher claims deliveries under. */
  public String nodeId() {
    return nodeId;
  }

  /** Kills it with SIGKILL and waits for it to be gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the child server survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops it with SIGTERM, as a service manager does, and waits for it to exit and for the last
   * of its output.
   */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the child server did not stop within 30 s of SIGTERM");
      }
      outputReader.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How it exited; only once it has. */
  public int exitStatus() {
    return process.exitValue();
  }

  /** Everything it printed so far. */
  public String output() {
    return output.toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) kill();
  }
}
