package dev.threadhook.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.testing.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fresh install gets its first organization and admin token from the CLI. */
class AdminCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void freshInstallIsBootstrappedFromTheCommandLine() throws Exception {
    JsonNode org = admin("create-organization", "--name", "Initech", "--admin-name", "Bill");
    long businessId = org.path("businessId").asLong();
    String adminToken = org.path("adminToken").asText();
    assertThat(adminToken).startsWith("thk_");

    long store = admin("create-store", "--organization", "" + businessId, "--name", "Main")
        .path("id").asLong();
    long bot = admin("create-user", "--organization", "" + businessId, "--name", "Helper",
        "--kind", "bot").path("id").asLong();
    JsonNode botToken = admin("create-token", "--organization", "" + businessId,
        "--user", "" + bot, "--label", "prod");
    String channelKey = admin("create-channel-key", "--organization", "" + businessId,
        "--store", "" + store).path("channelKey").asText();

    try (ThreadhookServer server = ThreadhookServer.start(ServerConfig.embedded(dataDir, 0))) {
      Http http = new Http(server.baseUrl());
      long thread = http.post("/api/channel/messages").token(channelKey)
          .json("{\"customer\":{\"externalId\":\"c1\"},\"text\":\"hello\"}").send()
          .assertCode(200).json().path("customerThreadId").asLong();
      http.post("/api/send-message-to-customer-thread").token(botToken.path("token").asText())
          .json("{\"text\":\"hi!\",\"customerThreadId\":" + thread + "}").send().assertCode(200);
      http.get("/api/admin/users").token(adminToken).send().assertCode(200);

      // The CLI works while the server has the embedded database open.
      admin("revoke-token", "--organization", "" + businessId,
          "--token-id", botToken.path("id").asText());
      http.get("/api/me").token(botToken.path("token").asText()).send().assertCode(401);
    }
  }

  @Test
  void badArgumentsExitNonZeroWithAMessage() {
    StringWriter err = new StringWriter();
    int exit = ThreadhookCommand.commandLine(Map.of()).setErr(new PrintWriter(err))
        .execute("admin", "create-user", "--data-dir", dataDir.toString(),
            "--organization", "1", "--name", "X", "--role", "owner");
    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("role must be one of admin, agent but was 'owner'");
  }

  private JsonNode admin(String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 3];
    all[0] = "admin";
    System.arraycopy(args, 0, all, 1, 1);
    all[2] = "--data-dir";
    all[3] = dataDir.toString();
    System.arraycopy(args, 1, all, 4, args.length - 1);
    int exit = ThreadhookCommand.commandLine(Map.of())
        .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all);
    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    return JSON.readTree(out.toString());
  }
}
