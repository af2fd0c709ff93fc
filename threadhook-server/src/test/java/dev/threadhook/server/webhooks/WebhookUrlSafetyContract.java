package dev.threadhook.server.webhooks;

import static dev.threadhook.server.testing.WebhookFixtures.botSays;
import static dev.threadhook.server.testing.WebhookFixtures.deliveryOf;
import static dev.threadhook.server.testing.WebhookFixtures.setHookUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.RecordingReceiver;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import dev.threadhook.server.testing.WebhookFixtures;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Webhooks never reach into the server's own network unless private webhooks are allowed:
 * literal addresses are refused when the URL is set, names when each delivery connects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookUrlSafetyContract {
  abstract DatabaseKind database();

  private TestServer strict;
  private TestOrganization org;

  @BeforeAll
  void startServerWithoutPrivateWebhooks() {
    strict = TestServer.start(database(), c -> c.withWebhooks(WebhookFixtures.fast().build()));
    org = TestOrganization.create(strict.server(), "safety-" + UUID.randomUUID());
  }

  @AfterAll
  void stop() {
    strict.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "http://127.0.0.1:8080/hook | 127.0.0.1 is a loopback address",
      "http://10.0.0.5/hook | 10.0.0.5 is a private address",
      "http://192.168.1.20/hook | is a private address",
      "http://100.64.3.4/hook | is a carrier-grade NAT address",
      "http://169.254.169.254/latest/meta-data/ | is a cloud metadata address",
      "http://[::1]:9000/hook | is a loopback address",
      "http://[fd00:ec2::254]/ | is a cloud metadata address",
      "http://[fe80::1]/ | is a link-local address",
      "http://0.0.0.0/ | is a 'this network' address",
  })
  void privateAndMetadataAddressesAreRefusedWhenTheUrlIsSet(String url, String reason) {
    strict.http().post("/api/update-hook-url").token(org.botToken())
        .json("{\"url\":\"" + url + "\"}")
        .send().assertError(400, "invalid_request", reason);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ftp://example.com/hook | url scheme must be 'http' or 'https' but was 'ftp'",
      "https://bot:secret@example.com/hook | url must not contain credentials",
      "http://300.1.1.1/hook | url must have a host",
      "/relative/hook | url scheme must be 'http' or 'https' but was none",
  })
  void malformedUrlsAreRefused(String url, String message) {
    strict.http().post("/api/update-hook-url").token(org.botToken())
        .json("{\"url\":\"" + url + "\"}")
        .send().assertError(400, "invalid_request", message);
  }

  @Test
  void aNameResolvingToLoopbackIsRefusedWhenTheDeliveryConnects() {
    try (RecordingReceiver receiver = RecordingReceiver.start()) {
      TestOrganization named = TestOrganization.create(strict.server(), "named-" + UUID.randomUUID());
      setHookUrl(strict, named.botToken(), "http://localhost:" + receiver.port() + "/hook");

      long id = botSays(strict, named.botToken(), named.threadInA(), "to localhost", false);

      JsonNode[] delivery = new JsonNode[1];
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        delivery[0] = deliveryOf(strict, named.botToken(), id);
        assertThat(delivery[0].path("attempts")).isNotEmpty();
      });
      JsonNode attempt = delivery[0].path("attempts").get(0);
      assertThat(attempt.path("responseStatus").isNull()).isTrue();
      assertThat(attempt.path("error").asText())
          .startsWith("refused: localhost resolves to")
          .contains("a loopback address")
          .contains("--allow-private-webhooks");
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void privateWebhooksAllowedDeliverToLoopback() {
    try (TestServer permissive = WebhookFixtures.server(database(), WebhookFixtures.fast().build());
        RecordingReceiver receiver = RecordingReceiver.start()) {
      TestOrganization local = TestOrganization.create(permissive.server(), "local");
      setHookUrl(permissive, local.botToken(), "http://localhost:" + receiver.port() + "/hook");

      long id = botSays(permissive, local.botToken(), local.threadInA(), "to localhost", false);

      assertThat(receiver.takeRequest().messageId()).isEqualTo(id);
    }
  }
}
