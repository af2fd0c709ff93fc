package dev.threadhook.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Everything acknowledged survives a restart on the same data directory or database. */
abstract class RestartContract {
  abstract DatabaseKind database();

  @Test
  void dataSurvivesARestart() {
    try (TestServer server = TestServer.start(database())) {
      TestOrganization org = TestOrganization.create(server.server(), "Acme");
      JsonNode sent = server.http().post("/api/send-message-to-customer-thread")
          .token(org.botToken())
          .json("{\"text\":\"before restart\",\"customerThreadId\":" + org.threadInA() + "}")
          .send().assertCode(200).json();
      server.http().post("/api/update-thread-status").token(org.botToken())
          .json("{\"status\":\"resolved\",\"customerThreadId\":" + org.threadInB() + "}").send()
          .assertCode(200);
      server.http().post("/api/update-hook-url").token(org.botToken())
          .json("{\"url\":\"https://hooks.example.com/acme\"}").send().assertCode(200);

      server.restart();

      JsonNode messages = server.http().get("/api/customer-threads/" + org.threadInA()
          + "/messages").token(org.botToken()).send().assertCode(200).json().path("items");
      assertThat(messages).hasSize(2);
      assertThat(messages.get(1).path("id").asLong()).isEqualTo(sent.path("id").asLong());
      assertThat(messages.get(1).path("body").asText()).isEqualTo("before restart");
      assertThat(server.http().get("/api/customer-threads/" + org.threadInB())
          .token(org.botToken()).send().json().path("status").asText()).isEqualTo("resolved");
      assertThat(server.server().accounts().organization(org.id()).webhookUrl())
          .isEqualTo("https://hooks.example.com/acme");
      // tokens survive too: the same admin token still manages the organization
      server.http().get("/api/admin/users").token(org.adminToken()).send().assertCode(200);
    }
  }
}
