package dev.threadhook.bench.target;

import dev.threadhook.bench.load.Answer;
import dev.threadhook.bench.load.HttpClientKind;
import dev.threadhook.bench.load.HttpConnection;
import dev.threadhook.bench.load.HttpConnector;
import dev.threadhook.bench.load.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM this run started (the server, the no-op HTTP server), ready once its {@code GET /healthz}
 * answers 200. Closing it sends SIGTERM, then SIGKILL if it has not stopped in 10 s.
 */
public final class JvmProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final URI baseUrl;
  private final Path log;
  private final long readyMillis;

  private JvmProcess(String name, Process process, URI baseUrl, Path log, long readyMillis) {
    this.name = name;
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
    this.readyMillis = readyMillis;
  }

  /**
   * Starts {@code java <jvmOptions> <arguments>} and waits until it is ready.
   *
   * @param arguments what follows the JVM options ({@code -jar x.jar serve …})
   */
  public static JvmProcess start(String name, List<String> jvmOptions, List<String> arguments,
      int port, Path log, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    command.addAll(arguments);
    URI baseUrl = URI.create("http://127.0.0.1:" + port);
    // The probe's connector is made before the clock starts, so its set-up is not counted.
    try (HttpConnector probe = HttpClientKind.RAW.connector(baseUrl)) {
      long started = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      long deadline = started + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited with " + process.exitValue()
              + " before it was ready; its output:\n" + tail(log));
        }
        if (healthy(probe)) {
          long readyMillis = (System.nanoTime() - started) / 1_000_000;
          return new JvmProcess(name, process, baseUrl, log, readyMillis);
        }
        Thread.sleep(5);
      }
      process.destroyForcibly();
      throw new IllegalStateException(
          name + " was not ready in " + timeout.toSeconds() + " s; its output:\n" + tail(log));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + name, e);
    }
  }

  private static boolean healthy(HttpConnector probe) {
    try (HttpConnection connection = probe.connect()) {
      Answer answer = connection.send(new Request(
          "GET", "/healthz", java.util.Map.of("Connection", "close"), new byte[0]));
      return answer.status() == 200;
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  /** The java of the JDK running the bench, so the server runs on the same JDK. */
  public static String javaExecutable() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public long pid() {
    return process.pid();
  }

  /** Process start to the first 200 from {@code /healthz}. */
  public long readyMillis() {
    return readyMillis;
  }

  public Path log() {
    return log;
  }

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", " + baseUrl + ")";
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
