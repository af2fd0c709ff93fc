package dev.threadhook.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.Http;
import dev.threadhook.server.testing.ServerContract;
import dev.threadhook.server.testing.TestOrganization;
import org.junit.jupiter.api.Test;

/** An admin builds the organization over HTTP; nobody else may. */
abstract class AdminApiContract extends ServerContract {

  @Test
  void adminCreatesStoreAgentTokenAndChannelKeyThatWork() {
    long store = http().post("/api/admin/stores").token(org.adminToken())
        .json("{\"name\":\"Harbour\"}").send().assertCode(201).json().path("id").asLong();
    JsonNode agent = http().post("/api/admin/users").token(org.adminToken())
        .json("{\"name\":\"Kim\",\"kind\":\"employee\",\"role\":\"agent\",\"storeIds\":[" + store + "]}")
        .send().assertCode(201).json();
    assertThat(agent.path("storeIds")).extracting(JsonNode::asLong).containsExactly(store);
    JsonNode token = http().post("/api/admin/users/" + agent.path("id").asLong() + "/tokens")
        .token(org.adminToken()).json("{\"label\":\"laptop\"}").send().assertCode(201).json();
    assertThat(token.path("token").asText()).startsWith("thk_").hasSizeGreaterThan(40);
    String key = http().post("/api/admin/stores/" + store + "/channel-keys").token(org.adminToken())
        .json("{}").send().assertCode(201).json().path("channelKey").asText();

    long thread = http().post("/api/channel/messages").token(key)
        .json("{\"customer\":{\"externalId\":\"harbour-1\"},\"text\":\"Ahoy\"}").send()
        .assertCode(200).json().path("customerThreadId").asLong();
    http().post("/api/send-message-to-customer-thread").token(token.path("token").asText())
        .json("{\"text\":\"Welcome aboard\",\"customerThreadId\":" + thread + "}").send()
        .assertCode(200);
    // Kim works in Harbour only
    http().get("/api/customer-threads/" + org.threadInA()).token(token.path("token").asText())
        .send().assertCode(404);
  }

  @Test
  void revokedTokenStopsWorkingAtOnceAndListingsNeverShowSecrets() {
    JsonNode issued = http().post("/api/admin/users/" + org.botUserId() + "/tokens")
        .token(org.adminToken()).json("{\"label\":\"short-lived\"}").send().assertCode(201).json();
    String secret = issued.path("token").asText();
    http().get("/api/me").token(secret).send().assertCode(200);

    String listing = http().get("/api/admin/tokens").token(org.adminToken()).send()
        .assertCode(200).body();
    assertThat(listing).doesNotContain(secret).contains(secret.substring(0, 10));

    http().call("DELETE", "/api/admin/tokens/" + issued.path("id").asLong())
        .token(org.adminToken()).send().assertCode(204);
    http().get("/api/me").token(secret).send().assertError(401, "unauthorized", "revoked");
    http().call("DELETE", "/api/admin/tokens/" + issued.path("id").asLong())
        .token(org.adminToken()).send().assertError(404, "not_found", "does not exist or is revoked");
  }

  /**
   * A token that has just sent is remembered for its next sends, but each send checks it again
   * in the transaction that writes it: revoked behind this server's back (by the admin CLI on
   * the database, or by another node), it cannot write one more message.
   */
  @Test
  void tokenRevokedElsewhereCannotSendEvenWhileRemembered() {
    JsonNode issued = http().post("/api/admin/users/" + org.botUserId() + "/tokens")
        .token(org.adminToken()).json("{\"label\":\"revoked elsewhere\"}").send().assertCode(201)
        .json();
    String secret = issued.path("token").asText();
    String send = "{\"text\":\"still here?\",\"customerThreadId\":" + org.threadInA() + "}";
    http().post("/api/send-message-to-customer-thread").token(secret).json(send).send()
        .assertCode(200);
    long before = messageCount(org.threadInA());

    server.server().database().jdbi().useHandle(h -> h.execute(
        "UPDATE api_tokens SET revoked_at = 1 WHERE id = ?", issued.path("id").asLong()));

    http().post("/api/send-message-to-customer-thread").token(secret).json(send).send()
        .assertError(401, "unauthorized", "the token is unknown or revoked");
    assertThat(messageCount(org.threadInA())).isEqualTo(before);
  }

  private long messageCount(long thread) {
    return http().get("/api/customer-threads/" + thread).token(org.adminToken()).send()
        .assertCode(200).json().path("messageCount").asLong();
  }

  @Test
  void revokedChannelKeyIsRefused() {
    JsonNode key = http().post("/api/admin/stores/" + org.storeA() + "/channel-keys")
        .token(org.adminToken()).json("{\"label\":\"old widget\"}").send().assertCode(201).json();
    http().call("DELETE", "/api/admin/channel-keys/" + key.path("id").asLong())
        .token(org.adminToken()).send().assertCode(204);
    http().post("/api/channel/messages").token(key.path("channelKey").asText())
        .json("{\"customer\":{\"externalId\":\"x\"},\"text\":\"hi\"}").send()
        .assertError(401, "unauthorized", "the channel key is unknown or revoked");
  }

  @Test
  void aChannelKeyRevokedRightAfterUseWritesNothingMore() {
    JsonNode key = http().post("/api/admin/stores/" + org.storeA() + "/channel-keys")
        .token(org.adminToken()).json("{\"label\":\"widget\"}").send().assertCode(201).json();
    String channelKey = key.path("channelKey").asText();
    long thread = http().post("/api/channel/messages").token(channelKey)
        .json("{\"customer\":{\"externalId\":\"revoked-soon\"},\"text\":\"first\"}").send()
        .assertCode(200).json().path("customerThreadId").asLong();
    http().call("DELETE", "/api/admin/channel-keys/" + key.path("id").asLong())
        .token(org.adminToken()).send().assertCode(204);

    // Within the 10 s the key is remembered for: its write's own transaction refuses it.
    http().post("/api/channel/messages").token(channelKey)
        .json("{\"customer\":{\"externalId\":\"revoked-soon\"},\"text\":\"second\"}").send()
        .assertError(401, "unauthorized", "the channel key is unknown or revoked");
    assertThat(messageCount(thread)).isEqualTo(1);
  }

  @Test
  void agentsAndBotsCannotAdminister() {
    for (String token : new String[] {org.agentToken(), org.botToken()}) {
      http().post("/api/admin/stores").token(token).json("{\"name\":\"Nope\"}").send()
          .assertError(403, "forbidden", "only an admin's token");
      http().get("/api/admin/tokens").token(token).send()
          .assertError(403, "forbidden", "only an admin's token");
    }
  }

  @Test
  void adminCannotReachAnotherOrganizationsStoresOrUsers() {
    TestOrganization other = TestOrganization.create(server.server(), "Other");
    http().post("/api/admin/users").token(org.adminToken())
        .json("{\"name\":\"Spy\",\"storeIds\":[" + other.storeA() + "]}").send()
        .assertError(400, "invalid_request", "is not a store of organization " + org.id());
    http().post("/api/admin/users/" + other.botUserId() + "/tokens").token(org.adminToken())
        .json("{}").send().assertError(404, "not_found", "user " + other.botUserId());
    http().post("/api/admin/stores/" + other.storeA() + "/channel-keys").token(org.adminToken())
        .json("{}").send().assertError(404, "not_found", "store " + other.storeA());
  }

  @Test
  void badUserRoleGets400() {
    http().post("/api/admin/users").token(org.adminToken())
        .json("{\"name\":\"X\",\"role\":\"owner\"}").send()
        .assertError(400, "invalid_request", "role must be one of admin, agent but was 'owner'");
  }

}
