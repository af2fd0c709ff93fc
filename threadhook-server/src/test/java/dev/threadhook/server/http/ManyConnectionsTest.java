package dev.threadhook.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.testing.ChildServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open connection costs the server little heap, so many clients keeping theirs open are all
 * served within the launcher's heap. Jetty's default gave each connection that made a second
 * request a header cache of ~98 KB, and 800 of them ran a 96 MB heap out of memory.
 */
class ManyConnectionsTest {
  /** The launcher's heap (scripts/server-defaults.sh). */
  private static final String LAUNCHER_HEAP = "96m";
  private static final int CLIENTS = 1000;
  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

  @TempDir Path dataDir;

  @Test
  void aThousandKeepAliveClientsAreServedWithinTheLaunchersHeap() throws Exception {
    List<Socket> clients = new ArrayList<>();
    try (ChildServer server = ChildServer.start(
        dataDir, DatabaseConfig.h2File(dataDir), LAUNCHER_HEAP, List.of("--rate-limit", "0"))) {
      try {
        for (int i = 0; i < CLIENTS; i++) {
          Socket client = new Socket("127.0.0.1", server.port());
          client.setSoTimeout(20_000);
          clients.add(client);
          // Two requests each, as a client reusing its connection makes: Jetty made a
          // connection's header cache at its second request.
          for (int request = 0; request < 2; request++) {
            assertThat(statusLine(exchangeOrFail(server, client, i + 1)))
                .as("request %d of client %d", request + 1, i + 1)
                .isEqualTo("HTTP/1.1 401 Unauthorized");
          }
        }

        for (int i = 0; i < CLIENTS; i++) {
          assertThat(statusLine(exchangeOrFail(server, clients.get(i), i + 1)))
              .as("client %d, again on the connection it kept open", i + 1)
              .isEqualTo("HTTP/1.1 401 Unauthorized");
        }
      } finally {
        for (Socket client : clients) client.close();
      }
      assertThat(server.output()).doesNotContain("OutOfMemoryError");
    }
  }

  private static String exchangeOrFail(ChildServer server, Socket client, int number) {
    try {
      return exchange(client, server.port());
    } catch (IOException e) {
      String output = server.output();
      throw new AssertionError("client " + number + " got no answer (" + e + "); the server's"
          + " last output:\n" + output.substring(Math.max(0, output.length() - 2000)), e);
    }
  }

  /** One keep-alive request with the headers browsers and HTTP libraries send; its answer. */
  private static String exchange(Socket client, int port) throws IOException {
    String request = "GET /api/me HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) threadhook-test/1.0\r\n"
        + "Accept: application/json\r\n"
        + "Accept-Encoding: gzip, deflate\r\n"
        + "Accept-Language: en-US,en;q=0.9\r\n"
        + "\r\n";
    client.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    client.getOutputStream().flush();
    return readResponse(client.getInputStream());
  }

  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("the server closed the connection: " + head);
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    Matcher length = CONTENT_LENGTH.matcher(headers);
    if (!length.find()) throw new IOException("no Content-Length in " + headers);
    in.readNBytes(Integer.parseInt(length.group(1)));
    return headers;
  }

  private static String statusLine(String headers) {
    return headers.substring(0, headers.indexOf("\r\n"));
  }
}
