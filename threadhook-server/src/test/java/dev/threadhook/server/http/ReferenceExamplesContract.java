package dev.threadhook.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.server.cli.DemoSeed;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reference's three curl examples, run with curl exactly as written — same method, headers
 * and bodies, newlines included — with the demo bot's token for {@code your-token-here} and the
 * server's address for {@code https://me.instaply.com}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReferenceExamplesContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  abstract DatabaseKind database();

  private TestServer server;
  private DemoSeed.DemoInfo demo;

  @BeforeAll
  void startServerWithDemoData() throws IOException {
    server = TestServer.start(database());
    demo = new DemoSeed(server.server().accounts(), server.server().conversations())
        .ensure(server.config().dataDir(), null);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void sendMessageExampleAsWritten() throws Exception {
    long thread = demo.customerThreadIds().get(0);
    JsonNode message = curl("-X", "POST", url("/api/send-message-to-customer-thread"),
        "-H", "token: " + demo.botToken(),
        "-H", "Content-Type: application/json",
        "-d", "\n{\"text\":\"Hello, I am a bot. \",\"customerThreadId\":\"" + thread + "\"}\n");

    assertThat(message.path("body").asText()).isEqualTo("Hello, I am a bot. ");
    assertThat(message.path("customerThreadId").asLong()).isEqualTo(thread);
    assertThat(message.path("invisible").asBoolean()).isFalse();
    assertThat(message.path("employeeUserId").asLong()).isEqualTo(demo.botUserId());
    JsonNode last = lastMessage(thread);
    assertThat(last.path("id").asLong()).isEqualTo(message.path("id").asLong());
    assertThat(server.http().get("/api/customer-threads/" + thread).token(demo.botToken()).send()
        .json().path("status").asText()).isEqualTo("replied");
  }

  @Test
  void updateThreadStatusExampleAsWritten() throws Exception {
    long thread = demo.customerThreadIds().get(2);
    JsonNode answer = curl("-X", "POST", url("/api/update-thread-status"),
        "-H", "token: " + demo.botToken(),
        "-H", "Content-Type: application/json",
        "-d", "{\n\"status\": \"waiting\",\n\"customerThreadId\": \"" + thread + "\"\n}");

    assertThat(answer.path("id").asLong()).isEqualTo(thread);
    assertThat(answer.path("status").asText()).isEqualTo("waiting");
  }

  @Test
  void updateHookUrlExampleAsWritten() throws Exception {
    JsonNode answer = curl("-X", "POST", url("/api/update-hook-url"),
        "-H", "token: " + demo.botToken(),
        "-H", "Content-Type: application/json",
        "-d", "{\"url\": \"http://example.com/instaplybot\"}");

    assertThat(answer.path("url").asText()).isEqualTo("http://example.com/instaplybot");
    assertThat(server.server().accounts().organization(demo.businessId()).webhookUrl())
        .isEqualTo("http://example.com/instaplybot");
  }

  private String url(String path) {
    return server.baseUrl() + path;
  }

  private JsonNode lastMessage(long thread) {
    JsonNode items = server.http().get("/api/customer-threads/" + thread + "/messages")
        .token(demo.botToken()).send().assertCode(200).json().path("items");
    return items.get(items.size() - 1);
  }

  /** Runs curl, asserts it got a 200, and returns the JSON it printed. */
  private static JsonNode curl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error",
        "--write-out", "\n%{http_code}"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("curl exit code; output: %s", output).isZero();
    int split = output.lastIndexOf('\n');
    assertThat(output.substring(split + 1)).as("HTTP status; body: %s", output).isEqualTo("200");
    return JSON.readTree(output.substring(0, split));
  }
}
