package dev.threadhook.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.api.ThreadStatus;
import dev.threadhook.testing.RecordingServer;
import dev.threadhook.testing.RecordingServer.RecordedRequest;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reference's three calls, as a server that implements nothing else sees them: only the
 * documented fields, the documented headers (plus an Idempotency-Key on sends), and no
 * expectation about what the answer holds.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DocumentedCallsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What any HTTP/1.1 request has, and what the reference asks for. */
  private static final Set<String> DOCUMENTED_HEADERS =
      Set.of("host", "content-length", "user-agent", "token", "content-type");

  private RecordingServer instaply;
  private ThreadhookClient client;

  @BeforeEach
  void start() {
    instaply = new RecordingServer();
    client = ThreadhookClient.create(instaply.baseUrl() + "/", "your-token-here");
  }

  @AfterEach
  void stop() {
    client.close();
    instaply.close();
  }

  @Test
  void sendMessageSendsTheThreeDocumentedFieldsAndAnIdempotencyKey() throws Exception {
    instaply.enqueueJson(200, "");

    assertThat(client.sendMessage(9999, "Hello, I am a bot. ")).isNull();

    RecordedRequest request = instaply.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/send-message-to-customer-thread");
    assertThat(request.header("token")).isEqualTo("your-token-here");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.headers().keySet()).isSubsetOf(union(DOCUMENTED_HEADERS, "idempotency-key"));
    JsonNode body = JSON.readTree(request.body());
    assertThat(fieldNames(body)).containsExactly("text", "customerThreadId", "internal");
    assertThat(body.path("text").asText()).isEqualTo("Hello, I am a bot. ");
    assertThat(body.path("customerThreadId").isTextual()).as("a string, as in the reference")
        .isTrue();
    assertThat(body.path("customerThreadId").asText()).isEqualTo("9999");
    assertThat(body.path("internal").asBoolean()).isFalse();
  }

  @Test
  void anInternalNoteIsTheSameCallWithInternalTrue() throws Exception {
    instaply.enqueueJson(200, "{\"ok\":true}");

    assertThat(client.sendInternalNote(9999, "for colleagues")).isNull();

    assertThat(JSON.readTree(instaply.takeRequest().body()).path("internal").asBoolean()).isTrue();
  }

  @Test
  void updateThreadStatusSendsStatusAndThreadIdOnly() throws Exception {
    instaply.enqueue(new RecordingServer.Answer(200, java.util.Map.of(), "OK"));

    assertThat(client.updateThreadStatus(12345, ThreadStatus.WAITING)).isNull();

    RecordedRequest request = instaply.takeRequest();
    assertThat(request.path()).isEqualTo("/api/update-thread-status");
    assertThat(request.headers().keySet()).isSubsetOf(DOCUMENTED_HEADERS);
    JsonNode body = JSON.readTree(request.body());
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("status", "customerThreadId");
    assertThat(body.path("status").asText()).isEqualTo("waiting");
    assertThat(body.path("customerThreadId").asText()).isEqualTo("12345");
  }

  @Test
  void updateHookUrlSendsTheUrlOnly() throws Exception {
    instaply.enqueueJson(200, "{}");

    client.updateHookUrl("http://example.com/instaplybot");

    RecordedRequest request = instaply.takeRequest();
    assertThat(request.path()).isEqualTo("/api/update-hook-url");
    assertThat(request.headers().keySet()).isSubsetOf(DOCUMENTED_HEADERS);
    assertThat(request.body()).isEqualTo("{\"url\":\"http://example.com/instaplybot\"}");
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> union(Set<String> set, String more) {
    java.util.Set<String> all = new java.util.HashSet<>(set);
    all.add(more);
    return all;
  }
}
