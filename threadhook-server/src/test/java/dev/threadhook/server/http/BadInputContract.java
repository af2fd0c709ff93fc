package dev.threadhook.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.Http;
import dev.threadhook.server.testing.ServerContract;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each bad input gets: a JSON error with the right status and a message that says what was
 * expected and what was found — never a 500, never a stack trace, and nothing stored.
 */
abstract class BadInputContract extends ServerContract {
  private long messagesBefore;

  @BeforeEach
  void countMessages() {
    messagesBefore = storedMessages();
  }

  @AfterEach
  void nothingWasStored() {
    assertThat(storedMessages()).as("messages stored by a refused request").isEqualTo(messagesBefore);
  }

  private long storedMessages() {
    return server.server().database().jdbi().withHandle(h ->
        h.createQuery("SELECT COUNT(*) FROM messages").mapTo(Long.class).one());
  }

  /** A send-message body for thread A, with {@code fieldsJson} as its fields. */
  Stream<Arguments> badSendMessageBodies() {
    long t = org.threadInA();
    List<Arguments> cases = new ArrayList<>(List.of(
        bad("empty text", "{\"text\":\"\",\"customerThreadId\":" + t + "}",
            400, "invalid_request", "text must not be empty or blank"),
        bad("blank text", "{\"text\":\" \\n\\t \",\"customerThreadId\":" + t + "}",
            400, "invalid_request", "text must not be empty or blank"),
        bad("missing text", "{\"customerThreadId\":" + t + "}",
            400, "invalid_request", "text is required"),
        bad("null text", "{\"text\":null,\"customerThreadId\":" + t + "}",
            400, "invalid_request", "text is required"),
        bad("number as text", "{\"text\":42,\"customerThreadId\":" + t + "}",
            400, "invalid_request", "text must be a string but was a number"),
        bad("object as text", "{\"text\":{\"a\":1},\"customerThreadId\":" + t + "}",
            400, "invalid_request", "text must be a string but was an object"),
        bad("text over the maximum",
            "{\"text\":\"" + "x".repeat(10_001) + "\",\"customerThreadId\":" + t + "}",
            400, "invalid_request", "text must be at most 10000 characters but was 10001"),
        bad("NUL byte in text", "{\"text\":\"a\\u0000b\",\"customerThreadId\":" + t + "}",
            400, "invalid_request", "must not contain NUL"),
        bad("missing thread id", "{\"text\":\"hi\"}",
            400, "invalid_request", "customerThreadId is required"),
        bad("thread id not digits", "{\"text\":\"hi\",\"customerThreadId\":\"abc\"}",
            400, "invalid_request", "customerThreadId must be a positive integer but was 'abc'"),
        bad("negative thread id", "{\"text\":\"hi\",\"customerThreadId\":-5}",
            400, "invalid_request", "customerThreadId must be a positive integer"),
        bad("fractional thread id", "{\"text\":\"hi\",\"customerThreadId\":1.5}",
            400, "invalid_request", "customerThreadId must be a number or a string of digits"),
        bad("huge thread id number",
            "{\"text\":\"hi\",\"customerThreadId\":123456789012345678901234567890}",
            400, "invalid_request", "below 2^63"),
        bad("huge thread id string",
            "{\"text\":\"hi\",\"customerThreadId\":\"99999999999999999999\"}",
            400, "invalid_request", "customerThreadId must be a positive integer"),
        bad("boolean thread id", "{\"text\":\"hi\",\"customerThreadId\":true}",
            400, "invalid_request", "customerThreadId must be a number or a string of digits but was a boolean"),
        bad("string as internal",
            "{\"text\":\"hi\",\"customerThreadId\":" + t + ",\"internal\":\"yes\"}",
            400, "invalid_request", "internal must be a boolean but was a string"),
        bad("malformed JSON", "{\"text\":\"hi\",",
            400, "invalid_request", "request body is not valid JSON"),
        bad("trailing garbage", "{\"text\":\"hi\",\"customerThreadId\":" + t + "} x",
            400, "invalid_request", "request body is not valid JSON"),
        bad("duplicate field",
            "{\"text\":\"hi\",\"text\":\"again\",\"customerThreadId\":" + t + "}",
            400, "invalid_request", "Duplicate field 'text'"),
        bad("array body", "[1,2]",
            400, "invalid_request", "request body must be a JSON object but was an array"),
        bad("empty body", "",
            400, "invalid_request", "request body must be a JSON object but was empty"),
        bad("unknown thread", "{\"text\":\"hi\",\"customerThreadId\":987654321}",
            404, "not_found", "customer thread 987654321 does not exist")));
    return cases.stream();
  }

  private static Arguments bad(String name, String body, int status, String code, String message) {
    return Arguments.of(name, body, status, code, message);
  }

  @ParameterizedTest(name = "{0} gets {2}")
  @MethodSource("badSendMessageBodies")
  void sendMessageRefuses(String name, String body, int status, String code, String message) {
    http().post("/api/send-message-to-customer-thread").token(org.botToken()).json(body).send()
        .assertError(status, code, message);
  }

  Stream<Arguments> badStatusBodies() {
    long t = org.threadInA();
    return Stream.of(
        bad("unknown status", "{\"status\":\"closed\",\"customerThreadId\":" + t + "}",
            400, "invalid_request",
            "status must be one of waiting, replied, resolved but was 'closed'"),
        bad("upper-case status", "{\"status\":\"WAITING\",\"customerThreadId\":" + t + "}",
            400, "invalid_request", "but was 'WAITING'"),
        bad("number as status", "{\"status\":1,\"customerThreadId\":" + t + "}",
            400, "invalid_request", "status must be a string but was a number"),
        bad("missing status", "{\"customerThreadId\":" + t + "}",
            400, "invalid_request", "status is required"),
        bad("missing thread", "{\"status\":\"waiting\"}",
            400, "invalid_request", "customerThreadId is required"));
  }

  @ParameterizedTest(name = "{0} gets {2}")
  @MethodSource("badStatusBodies")
  void updateThreadStatusRefuses(
      String name, String body, int status, String code, String message) {
    http().post("/api/update-thread-status").token(org.botToken()).json(body).send()
        .assertError(status, code, message);
  }

  Stream<Arguments> badHookUrls() {
    return Stream.of(
        bad("ftp scheme", "{\"url\":\"ftp://example.com/hook\"}",
            400, "invalid_request", "url scheme must be 'http' or 'https' but was 'ftp'"),
        bad("relative url", "{\"url\":\"/hook\"}",
            400, "invalid_request", "url scheme must be 'http' or 'https' but was none"),
        bad("credentials in url", "{\"url\":\"https://user:secret@example.com/hook\"}",
            400, "invalid_request", "url must not contain credentials"),
        bad("not a url", "{\"url\":\"http://exa mple.com\"}",
            400, "invalid_request", "url must be an absolute http or https URL"),
        bad("number as url", "{\"url\":42}",
            400, "invalid_request", "url must be a string but was a number"),
        bad("missing url", "{}",
            400, "invalid_request", "url is required"));
  }

  @ParameterizedTest(name = "{0} gets {2}")
  @MethodSource("badHookUrls")
  void updateHookUrlRefuses(String name, String body, int status, String code, String message) {
    http().post("/api/update-hook-url").token(org.adminToken()).json(body).send()
        .assertError(status, code, message);
    assertThat(server.server().accounts().organization(org.id()).webhookUrl()).isNull();
  }

  @Test
  void bodyOverOneMebibyteGets413() {
    String text = "x".repeat(1024 * 1024);
    http().post("/api/send-message-to-customer-thread").token(org.botToken())
        .json("{\"text\":\"" + text + "\",\"customerThreadId\":" + org.threadInA() + "}").send()
        .assertError(413, "payload_too_large", "request body must be at most 1048576 bytes");
  }

  @Test
  void explicitNonJsonContentTypeGets415() {
    http().post("/api/send-message-to-customer-thread").token(org.botToken())
        .header("Content-Type", "text/plain")
        .json("{\"text\":\"hi\",\"customerThreadId\":" + org.threadInA() + "}").send()
        .assertError(415, "unsupported_media_type",
            "Content-Type must be application/json but was 'text/plain'");
  }

  @Test
  void wrongMethodGets405() {
    http().get("/api/send-message-to-customer-thread").token(org.botToken()).send()
        .assertError(405, "method_not_allowed", "GET is not allowed on /api/send-message-to-customer-thread");
    http().call("PUT", "/api/update-thread-status").token(org.botToken()).send()
        .assertError(405, "method_not_allowed", "PUT");
  }

  @Test
  void unknownRouteGets404() {
    http().get("/api/no-such-thing").token(org.botToken()).send()
        .assertError(404, "not_found", "/api/no-such-thing");
  }

  @Test
  void missingTokenGets401() {
    http().post("/api/send-message-to-customer-thread")
        .json("{\"text\":\"hi\",\"customerThreadId\":" + org.threadInA() + "}").send()
        .assertError(401, "unauthorized", "a token header");
  }

  @Test
  void unknownTokenGets401() {
    http().post("/api/update-thread-status").token("thk_not-a-real-token")
        .json("{\"status\":\"waiting\",\"customerThreadId\":" + org.threadInA() + "}").send()
        .assertError(401, "unauthorized", "the token is unknown or revoked");
  }

  @Test
  void badQueryParametersGet400() {
    http().get("/api/customer-threads?status=open").token(org.botToken()).send()
        .assertError(400, "invalid_request", "status must be one of waiting, replied, resolved but was 'open'");
    http().get("/api/customer-threads?limit=1000").token(org.botToken()).send()
        .assertError(400, "invalid_request", "limit must be between 1 and 200 but was 1000");
    http().get("/api/customer-threads/" + org.threadInA() + "/messages?after=x")
        .token(org.botToken()).send()
        .assertError(400, "invalid_request", "after must be a positive integer but was 'x'");
  }

  @Test
  void nonNumericPathIdGets404LikeAnUnknownOne() {
    http().get("/api/customer-threads/abc").token(org.botToken()).send()
        .assertError(404, "not_found", "customer thread 'abc' does not exist");
  }

  @Test
  void unicodeAndEmojiTextIsStoredExactly() {
    String text = "Grüße 👋🏽 — 你好 — עברית — \uD83D\uDE00";
    String id = http().post("/api/send-message-to-customer-thread").token(org.botToken())
        .json("{\"text\":\"" + text + "\",\"customerThreadId\":" + org.threadInA() + "}").send()
        .assertCode(200).json().path("id").asText();
    assertThat(http().get("/api/customer-threads/" + org.threadInA() + "/messages?limit=200")
        .token(org.botToken()).send().json().findValues("id").stream()
        .anyMatch(n -> n.asText().equals(id))).isTrue();
    assertThat(server.server().conversations().messages(
            server.server().accounts().authenticate(org.botToken()), org.threadInA(), 0, 200)
        .stream().filter(m -> Long.toString(m.id()).equals(id)).findFirst().orElseThrow().body())
        .isEqualTo(text);
    messagesBefore++;
  }

  @Test
  void longestAllowedTextOfEmojiIsAccepted() {
    // 10,000 code points of a 2-char emoji: 20,000 UTF-16 chars, 40,000 UTF-8 bytes.
    String text = "😀".repeat(10_000);
    http().post("/api/send-message-to-customer-thread").token(org.botToken())
        .json("{\"text\":\"" + text + "\",\"customerThreadId\":" + org.threadInA() + "}").send()
        .assertCode(200);
    messagesBefore++;
  }

  @Test
  void channelRefusesOversizedAttachmentWith413() {
    String base64 = java.util.Base64.getEncoder().encodeToString(new byte[5 * 1024 * 1024 + 1]);
    http().post("/api/channel/messages").token(org.channelKeyA())
        .json("{\"customer\":{\"externalId\":\"c-big\"},\"text\":\"see attached\","
            + "\"attachment\":{\"name\":\"big.bin\",\"contentType\":\"application/octet-stream\","
            + "\"base64\":\"" + base64 + "\"}}").send()
        .assertError(413, "payload_too_large", "attachment must be at most 5242880 bytes");
  }

  @Test
  void channelRefusesBadCustomerAndAttachment() {
    http().post("/api/channel/messages").token(org.channelKeyA())
        .json("{\"text\":\"hi\"}").send()
        .assertError(400, "invalid_request", "customer is required");
    http().post("/api/channel/messages").token(org.channelKeyA())
        .json("{\"customer\":{\"externalId\":\"c1\"},\"attachment\":{\"name\":\"a.png\","
            + "\"contentType\":\"image/png\",\"base64\":\"***\"}}").send()
        .assertError(400, "invalid_request", "attachment.base64 is not valid base64");
    http().post("/api/channel/messages").token(org.channelKeyA())
        .json("{\"customer\":{\"externalId\":\"c1\"}}").send()
        .assertError(400, "invalid_request", "text must not be empty");
    http().post("/api/channel/messages").token(org.botToken())
        .json("{\"customer\":{\"externalId\":\"c1\"},\"text\":\"hi\"}").send()
        .assertError(401, "unauthorized", "the channel key is unknown or revoked");
  }


}
