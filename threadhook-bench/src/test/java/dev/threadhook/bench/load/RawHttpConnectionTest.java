package dev.threadhook.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hand-written HTTP/1.1 client against a real server: each way a body can be framed. */
class RawHttpConnectionTest {
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/fixed", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      byte[] answer = ("{\"echo\":" + new String(body, StandardCharsets.UTF_8) + ",\"token\":\""
          + exchange.getRequestHeaders().getFirst("token") + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.createContext("/chunked", exchange -> {
      exchange.sendResponseHeaders(201, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write("first part, ".getBytes(StandardCharsets.UTF_8));
        out.flush();
        out.write("second part".getBytes(StandardCharsets.UTF_8));
      }
    });
    server.createContext("/empty", exchange -> exchange.sendResponseHeaders(204, -1));
    server.createContext("/closing", exchange -> {
      byte[] answer = "bye".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.createContext("/missing", exchange -> {
      byte[] answer = "no such thing".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(404, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpConnection connect() throws IOException {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return HttpClientKind.RAW.connector(base).connect();
  }

  @Test
  void readsFixedLengthChunkedAndEmptyBodiesOnOneKeptAliveConnection() throws IOException {
    try (HttpConnection connection = connect()) {
      Answer fixed = connection.send(Request.postJson("/fixed", "secret", "{\"a\":1}"));
      Answer chunked = connection.send(Request.get("/chunked", "secret"));
      Answer empty = connection.send(Request.get("/empty", "secret"));
      Answer missing = connection.send(Request.get("/missing", "secret"));
      Answer again = connection.send(Request.postJson("/fixed", "other", "[]"));

      assertThat(fixed.status()).isEqualTo(200);
      assertThat(fixed.text()).isEqualTo("{\"echo\":{\"a\":1},\"token\":\"secret\"}");
      assertThat(chunked.status()).isEqualTo(201);
      assertThat(chunked.text()).isEqualTo("first part, second part");
      assertThat(empty.status()).isEqualTo(204);
      assertThat(empty.body()).isEmpty();
      assertThat(missing.successful()).isFalse();
      assertThat(missing.text()).isEqualTo("no such thing");
      assertThat(again.text()).isEqualTo("{\"echo\":[],\"token\":\"other\"}");
    }
  }

  @Test
  void connectsAgainAfterTheServerClosedTheConnection() throws IOException {
    try (HttpConnection connection = connect()) {
      Answer closing = connection.send(Request.get("/closing", "t"));
      Answer next = connection.send(Request.postJson("/fixed", "t", "1"));

      assertThat(closing.text()).isEqualTo("bye");
      assertThat(next.text()).isEqualTo("{\"echo\":1,\"token\":\"t\"}");
    }
  }
}
