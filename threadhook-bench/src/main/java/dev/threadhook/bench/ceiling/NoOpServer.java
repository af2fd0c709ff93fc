package dev.threadhook.bench.ceiling;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.api.Message;
import dev.threadhook.server.Json;
import dev.threadhook.server.http.HttpApi;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP ceiling's server: Javalin 6 configured by Threadhook's own {@link HttpApi#configure}
 * (virtual threads, the server's Jackson mapper, its buffers), reading each request body with the
 * same strict parser as the server's {@code RequestBody} and answering with a message-sized JSON,
 * without a database. Its answers per second are the most the server's HTTP stack could give on this
 * machine; it is started as a JVM of its own, with the server's JVM options.
 */
public final class NoOpServer {
  /** The path of the no-op endpoint. */
  public static final String NO_OP_PATH = "/noop";

  /** The features of the server's {@code RequestBody} parser, so parsing costs the same. */
  private final ObjectMapper strictJson = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private final AtomicLong received = new AtomicLong();
  private final Javalin app;

  public NoOpServer() {
    app = Javalin.create(config -> HttpApi.configure(config, Json.newMapper()));
    app.post(NO_OP_PATH, this::answer);
    app.get("/received", ctx -> ctx.json(Map.of("received", received.get())));
    app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
  }

  /** {@code java -cp … NoOpServer <port>}: listens on 127.0.0.1 until killed. */
  public static void main(String[] args) {
    new NoOpServer().start("127.0.0.1", Integer.parseInt(args[0]));
  }

  public NoOpServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }

  /** Takes a send-message body and answers with the message it would have made. */
  private void answer(Context ctx) throws Exception {
    if (ctx.header("token") == null) {
      ctx.status(401).json(Map.of("error", Map.of("code", "unauthorized")));
      return;
    }
    JsonNode body = strictJson.readTree(ctx.bodyAsBytes());
    long id = received.incrementAndGet();
    ctx.json(new Message(id, body.path("customerThreadId").asLong(), id,
        System.currentTimeMillis(), body.path("text").asText(), false, false, "1", 1L, null,
        null));
  }
}
