package dev.threadhook.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --demo seeds once per data directory and reuses the same data and tokens afterwards. */
class DemoSeedTest {
  @TempDir Path dataDir;

  @Test
  void demoHasWhatTheReadmePromises() throws Exception {
    try (ThreadhookServer server = ThreadhookServer.start(ServerConfig.embedded(dataDir, 0))) {
      DemoSeed.DemoInfo demo = seed(server, null);
      Http http = new Http(server.baseUrl());

      JsonNode file = new ObjectMapper().readTree(dataDir.resolve("demo.json").toFile());
      for (String field : new String[] {"businessId", "storeIds", "botToken", "adminToken",
          "agentToken", "channelKey", "customerThreadIds"}) {
        assertThat(file.has(field)).as("demo.json has %s", field).isTrue();
      }
      assertThat(demo.customerThreadIds()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(demo.storeIds()).hasSize(2);
      for (long thread : demo.customerThreadIds()) {
        assertThat(http.get("/api/customer-threads/" + thread + "/messages")
            .token(demo.botToken()).send().assertCode(200).json().path("items").size())
            .isGreaterThanOrEqualTo(2);
      }
      long hidden = demo.customerThreadIds().stream()
          .filter(t -> http.get("/api/customer-threads/" + t).token(demo.agentToken()).send()
              .code() == 404)
          .count();
      assertThat(hidden).as("threads the store-limited agent cannot see").isGreaterThanOrEqualTo(1);
      http.post("/api/channel/messages").token(demo.channelKey())
          .json("{\"customer\":{\"externalId\":\"walk-in\"},\"text\":\"hello\"}").send()
          .assertCode(200);
      http.get("/api/admin/users").token(demo.adminToken()).send().assertCode(200);
    }
  }

  @Test
  void secondRunReusesTheSameDataAndTokens() throws Exception {
    DemoSeed.DemoInfo first;
    try (ThreadhookServer server = ThreadhookServer.start(ServerConfig.embedded(dataDir, 0))) {
      first = seed(server, null);
    }
    try (ThreadhookServer server = ThreadhookServer.start(ServerConfig.embedded(dataDir, 0))) {
      DemoSeed.DemoInfo second = seed(server, null);
      assertThat(second).isEqualTo(first);
      assertThat(server.accounts().organizations()).hasSize(1);
    }
  }

  @Test
  void chosenBotTokenWorksAndIsKept() throws Exception {
    String chosen = "demo-bot-token-for-the-readme";
    try (ThreadhookServer server = ThreadhookServer.start(ServerConfig.embedded(dataDir, 0))) {
      DemoSeed.DemoInfo demo = seed(server, chosen);
      assertThat(demo.botToken()).isEqualTo(chosen);
      new Http(server.baseUrl()).post("/api/send-message-to-customer-thread").token(chosen)
          .json("{\"text\":\"Hello, I am a bot. \",\"customerThreadId\":\""
              + demo.customerThreadIds().get(0) + "\"}").send().assertCode(200);
    }
    try (ThreadhookServer server = ThreadhookServer.start(ServerConfig.embedded(dataDir, 0))) {
      assertThat(seed(server, chosen).botToken()).isEqualTo(chosen);
      assertThat(Files.readString(dataDir.resolve("demo.json"))).contains(chosen);
    }
  }

  private DemoSeed.DemoInfo seed(ThreadhookServer server, String botToken) throws Exception {
    return new DemoSeed(server.accounts(), server.conversations()).ensure(dataDir, botToken);
  }
}
