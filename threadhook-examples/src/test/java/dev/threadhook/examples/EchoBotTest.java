package dev.threadhook.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.api.Message;
import dev.threadhook.bot.Bot;
import dev.threadhook.client.ThreadhookClient;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import dev.threadhook.testing.WebhookSender;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EchoBotTest {

  @Test
  void theEchoBotRegistersItsHookAndRepeatsWhatTheCustomerSaid() {
    String secret = WebhookSender.newSecret();
    try (TestServer server = TestServer.start(DatabaseKind.H2,
        config -> config.withAllowPrivateWebhooks(true))) {
      TestOrganization org = TestOrganization.create(server.server(), "Echo");
      BotSettings settings = BotSettings.parse(new String[] {
          "--server", server.baseUrl(), "--token", org.botToken(), "--secret", secret,
          "--port", "0", "--bind", "127.0.0.1", "--public-url", "http://127.0.0.1:9999/echo"},
          Map.of());
      try (Bot bot = EchoBot.start(settings);
          ThreadhookClient admin = ThreadhookClient.create(server.baseUrl(), org.adminToken())) {
        assertThat(server.server().accounts().organization(org.id()).webhookUrl())
            .isEqualTo("http://127.0.0.1:9999/echo");
        Message hello = admin.messages(org.threadInA()).items().get(0);

        new WebhookSender("http://127.0.0.1:" + bot.port() + "/", secret)
            .deliver(WebhookSender.webhookOf(hello, org.id()));

        List<Message> messages = admin.messages(org.threadInA()).items();
        assertThat(messages).extracting(Message::body)
            .containsExactly("Hello from A", "You said: Hello from A");
      }
    }
  }

  @Test
  void settingsComeFromFlagsThenEnvironmentThenDefaults() {
    BotSettings fromEnv = BotSettings.parse(new String[0], Map.of(
        "THREADHOOK_TOKEN", "thk_env", "THREADHOOK_WEBHOOK_SECRET", "whsec_AAAA",
        "BOT_PORT", "9000"));
    assertThat(fromEnv).isEqualTo(new BotSettings("http://localhost:8080", "thk_env",
        "whsec_AAAA", 9000, "0.0.0.0", "http://localhost:9000/"));

    BotSettings flagsWin = BotSettings.parse(
        new String[] {"--token", "thk_flag", "--port", "8500", "--no-register"},
        Map.of("THREADHOOK_TOKEN", "thk_env", "BOT_PUBLIC_URL", "https://bot.example.com/"));
    assertThat(flagsWin.token()).isEqualTo("thk_flag");
    assertThat(flagsWin.port()).isEqualTo(8500);
    assertThat(flagsWin.secret()).as("read from the server").isNull();
    assertThat(flagsWin.hookUrl()).isNull();
  }

  @Test
  void missingOrWrongSettingsSayWhatToFix() {
    assertThatThrownBy(() -> BotSettings.parse(new String[0], Map.of()))
        .hasMessage("the bot's token is required: --token TOKEN or THREADHOOK_TOKEN");
    assertThatThrownBy(() -> BotSettings.parse(new String[] {"--port", "http"},
        Map.of("THREADHOOK_TOKEN", "t"))).hasMessage("port must be a number but was 'http'");
    assertThatThrownBy(() -> BotSettings.parse(new String[] {"--token"}, Map.of()))
        .hasMessage("--token needs a value");
    assertThatThrownBy(() -> BotSettings.parse(new String[] {"--tokn", "x"}, Map.of()))
        .hasMessage("unknown option '--tokn'");
  }
}
