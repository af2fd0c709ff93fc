package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.Http;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who reaches which thread: tokens of two organizations, an agent limited to one store, and a
 * revoked token, against a thread in each store of each organization. A thread a token may not
 * see gets the same 404 as a thread that does not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessMatrixContract {
  abstract DatabaseKind database();

  private TestServer server;
  private TestOrganization acme;
  private TestOrganization globex;
  private String revokedToken;

  @BeforeAll
  void start() {
    server = TestServer.start(database());
    acme = TestOrganization.create(server.server(), "Acme");
    globex = TestOrganization.create(server.server(), "Globex");
    var issued = server.server().accounts().createToken(acme.id(), acme.botUserId(), "to revoke");
    server.server().accounts().revokeToken(acme.id(), issued.id());
    revokedToken = issued.secret();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  enum Access { SEES, NOT_FOUND, UNAUTHORIZED }

  Stream<Arguments> matrix() {
    List<Arguments> rows = new ArrayList<>();
    // token, thread, expected
    rows.add(Arguments.of("acme admin", acme.adminToken(), "acme store A", acme.threadInA(), Access.SEES));
    rows.add(Arguments.of("acme admin", acme.adminToken(), "acme store B", acme.threadInB(), Access.SEES));
    rows.add(Arguments.of("acme admin", acme.adminToken(), "globex store A", globex.threadInA(), Access.NOT_FOUND));
    rows.add(Arguments.of("acme bot", acme.botToken(), "acme store A", acme.threadInA(), Access.SEES));
    rows.add(Arguments.of("acme bot", acme.botToken(), "acme store B", acme.threadInB(), Access.SEES));
    rows.add(Arguments.of("acme bot", acme.botToken(), "globex store B", globex.threadInB(), Access.NOT_FOUND));
    rows.add(Arguments.of("acme agent of A", acme.agentToken(), "acme store A", acme.threadInA(), Access.SEES));
    rows.add(Arguments.of("acme agent of A", acme.agentToken(), "acme store B", acme.threadInB(), Access.NOT_FOUND));
    rows.add(Arguments.of("acme agent of A", acme.agentToken(), "globex store A", globex.threadInA(), Access.NOT_FOUND));
    rows.add(Arguments.of("globex bot", globex.botToken(), "acme store A", acme.threadInA(), Access.NOT_FOUND));
    rows.add(Arguments.of("globex bot", globex.botToken(), "globex store B", globex.threadInB(), Access.SEES));
    rows.add(Arguments.of("revoked acme bot", revokedToken, "acme store A", acme.threadInA(), Access.UNAUTHORIZED));
    rows.add(Arguments.of("revoked acme bot", revokedToken, "globex store A", globex.threadInA(), Access.UNAUTHORIZED));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} on {2}: {4}")
  @MethodSource("matrix")
  void sendMessage(String who, String token, String where, long thread, Access access) {
    Http.Response response = http().post("/api/send-message-to-customer-thread").token(token)
        .json("{\"text\":\"hello\",\"customerThreadId\":\"" + thread + "\",\"internal\":true}")
        .send();
    expect(response, access, thread);
  }

  @ParameterizedTest(name = "{0} on {2}: {4}")
  @MethodSource("matrix")
  void updateThreadStatus(String who, String token, String where, long thread, Access access) {
    Http.Response response = http().post("/api/update-thread-status").token(token)
        .json("{\"status\":\"waiting\",\"customerThreadId\":" + thread + "}").send();
    expect(response, access, thread);
  }

  @ParameterizedTest(name = "{0} on {2}: {4}")
  @MethodSource("matrix")
  void readThreadAndMessages(String who, String token, String where, long thread, Access access) {
    expect(http().get("/api/customer-threads/" + thread).token(token).send(), access, thread);
    expect(http().get("/api/customer-threads/" + thread + "/messages").token(token).send(),
        access, thread);
  }

  @ParameterizedTest(name = "{0} lists {2}: {4}")
  @MethodSource("matrix")
  void threadListings(String who, String token, String where, long thread, Access access) {
    Http.Response response = http().get("/api/customer-threads?limit=200").token(token).send();
    if (access == Access.UNAUTHORIZED) {
      response.assertError(401, "unauthorized", "unknown or revoked");
      return;
    }
    boolean listed = response.assertCode(200).json().path("items").findValues("id").stream()
        .anyMatch(id -> id.asLong() == thread);
    org.assertj.core.api.Assertions.assertThat(listed).isEqualTo(access == Access.SEES);
  }

  @Test
  void onlyAdminsAndBotsMaySetTheHookUrl() {
    String body = "{\"url\":\"https://hooks.example.com/acme\"}";
    http().post("/api/update-hook-url").token(acme.agentToken()).json(body).send()
        .assertError(403, "forbidden", "only an admin's or a bot's token");
    http().post("/api/update-hook-url").token(acme.botToken()).json(body).send().assertCode(200);
    http().post("/api/update-hook-url").token(acme.adminToken()).json("{\"url\":null}").send()
        .assertCode(200);
    http().post("/api/update-hook-url").token(revokedToken).json(body).send()
        .assertError(401, "unauthorized", "unknown or revoked");
  }

  @Test
  void attachmentsFollowTheirThreadsAccess() {
    String base64 = java.util.Base64.getEncoder().encodeToString("receipt".getBytes());
    String uuid = http().post("/api/channel/messages").token(acme.channelKeyB())
        .json("{\"customer\":{\"externalId\":\"with-file\"},\"text\":\"my receipt\","
            + "\"attachment\":{\"name\":\"receipt.txt\",\"contentType\":\"text/plain\","
            + "\"base64\":\"" + base64 + "\"}}").send().assertCode(200)
        .json().path("customerThreadId").asText();
    String attachment = http().get("/api/customer-threads/" + uuid + "/messages")
        .token(acme.botToken()).send().json().path("items").get(0).path("attachment")
        .path("uuid").asText();
    org.assertj.core.api.Assertions.assertThat(
        http().get("/api/attachments/" + attachment).token(acme.botToken()).send()
            .assertCode(200).body()).isEqualTo("receipt");
    http().get("/api/attachments/" + attachment).token(acme.agentToken()).send()
        .assertError(404, "not_found", "does not exist");
    http().get("/api/attachments/" + attachment).token(globex.botToken()).send()
        .assertError(404, "not_found", "does not exist");
  }

  private void expect(Http.Response response, Access access, long thread) {
    switch (access) {
      case SEES -> response.assertCode(200);
      case NOT_FOUND -> response.assertError(404, "not_found",
          "customer thread " + thread + " does not exist");
      case UNAUTHORIZED -> response.assertError(401, "unauthorized", "unknown or revoked");
    }
  }

  private Http http() {
    return server.http();
  }
}
