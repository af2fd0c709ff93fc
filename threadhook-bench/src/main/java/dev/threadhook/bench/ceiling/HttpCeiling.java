package dev.threadhook.bench.ceiling;

import dev.threadhook.bench.load.Answer;
import dev.threadhook.bench.load.HttpClientKind;
import dev.threadhook.bench.load.HttpConnection;
import dev.threadhook.bench.load.HttpConnector;
import dev.threadhook.bench.load.Request;
import dev.threadhook.bench.target.JvmProcess;
import dev.threadhook.bench.target.RssSampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The {@link NoOpServer} in a JVM of its own, started from the bench's own classpath. */
public final class HttpCeiling implements AutoCloseable {
  private final JvmProcess process;
  private final RssSampler memory;

  private HttpCeiling(JvmProcess process) {
    this.process = process;
    this.memory = new RssSampler(process.pid(), Duration.ofMillis(100));
  }

  /** Starts it with the server's JVM options, so both JVMs are alike. */
  public static HttpCeiling start(List<String> jvmOptions, Path log) {
    int port = JvmProcess.freePort();
    return new HttpCeiling(JvmProcess.start("no-op HTTP server", jvmOptions,
        List.of("-cp", System.getProperty("java.class.path"), NoOpServer.class.getName(),
            Integer.toString(port)),
        port, log, Duration.ofSeconds(60)));
  }

  public URI baseUrl() {
    return process.baseUrl();
  }

  public long readyMillis() {
    return process.readyMillis();
  }

  public RssSampler memory() {
    return memory;
  }

  /** How many no-op requests it has answered. */
  public long received() {
    try (HttpConnector connector = HttpClientKind.RAW.connector(baseUrl());
        HttpConnection connection = connector.connect()) {
      Answer answer = connection.send(new Request("GET", "/received", Map.of(), new byte[0]));
      String text = answer.text();
      return Long.parseLong(text.replaceAll("[^0-9]", ""));
    } catch (IOException e) {
      throw new UncheckedIOException("the no-op server did not say what it received", e);
    }
  }

  @Override
  public void close() {
    memory.close();
    process.close();
  }
}
