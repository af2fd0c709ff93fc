package dev.threadhook.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.testing.Http;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port opens while the server starts (so Jetty starts while the database migrates), but no
 * request is answered before {@link ThreadhookServer#listen()}: what comes early waits for it.
 */
class StartingServerTest {
  @TempDir Path dir;

  @Test
  void aRequestBeforeListenWaitsAndIsThenServedWithWhatWasSeeded() throws Exception {
    try (ThreadhookServer server = ThreadhookServer.open(ServerConfig.embedded(dir, 0))) {
      Http http = new Http("http://127.0.0.1:" + server.port());
      CompletableFuture<Http.Response> health =
          CompletableFuture.supplyAsync(() -> http.get("/healthz").send());
      CompletableFuture<Http.Response> me =
          CompletableFuture.supplyAsync(() -> http.get("/api/me").token("th_bot").send());

      String token = server.accounts().createOrganization("Acme", "Ada").token().secret();
      Thread.sleep(300);
      assertThat(health).as("answered before listen()").isNotDone();
      assertThat(me).as("answered before listen()").isNotDone();

      server.listen();
      health.get(10, TimeUnit.SECONDS).assertCode(200);
      me.get(10, TimeUnit.SECONDS)
          .assertError(401, "unauthorized", "the token is unknown or revoked");
      http.get("/api/me").token(token).send().assertCode(200);
    }
  }

  @Test
  void aStoppedServerStillNamesThePortItListenedOn() {
    ThreadhookServer server = ThreadhookServer.start(ServerConfig.embedded(dir, 0));
    int port = server.port();
    server.close();

    assertThat(port).isPositive();
    assertThat(server.port()).isEqualTo(port);
  }

  @Test
  void aRequestThatWaitsTenSecondsIsAnswered503WithRetryAfter() throws Exception {
    try (ThreadhookServer server = ThreadhookServer.open(ServerConfig.embedded(dir, 0))) {
      Http.Response answer = new Http("http://127.0.0.1:" + server.port())
          .get("/api/customer-threads").token("th_bot").send()
          .assertError(503, "unavailable", "the server is starting");
      assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");

      server.listen();
      new Http(server.baseUrl()).get("/healthz").send().assertCode(200);
    }
  }

  @Test
  void aServerClosedBeforeListenLetsGoOfWhatWaitedAtOnce() throws Exception {
    ThreadhookServer server = ThreadhookServer.open(ServerConfig.embedded(dir, 0));
    // A plain HTTP/1.1 request on a socket of its own, read with a timeout: what the server
    // does with the connection is all this sees. (Through java.net.http's client, whose first
    // request offers an upgrade to HTTP/2, the client sometimes went on waiting after the
    // server had closed the connection: 1 in 4 runs on a loaded machine, a thread of the
    // common pool blocked for the rest of the test run.)
    try (Socket client = new Socket("127.0.0.1", server.port())) {
      client.getOutputStream().write(
          "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      client.setSoTimeout(1_000);
      // Held: nothing comes back while the server starts.
      assertThatThrownBy(() -> client.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);

      server.close();
      // Not left for the ten seconds a starting server gets, nor on an open connection: the
      // connection is closed, as a running server's are when it stops (an answer may come first).
      // A timeout here fails the test; a reset is a closed connection too.
      client.setSoTimeout(5_000);
      String rest;
      try {
        rest = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      } catch (SocketException reset) {
        rest = "";
      }
      assertThat(rest).doesNotContain("200 OK");
    }
  }
}
