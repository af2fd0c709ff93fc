package dev.threadhook.server.webhooks;

import static dev.threadhook.server.testing.WebhookFixtures.assertExactlyTheFifteenFields;
import static dev.threadhook.server.testing.WebhookFixtures.botSays;
import static dev.threadhook.server.testing.WebhookFixtures.customerMessage;
import static dev.threadhook.server.testing.WebhookFixtures.secret;
import static dev.threadhook.server.testing.WebhookFixtures.setHookUrl;
import static dev.threadhook.server.testing.WebhookFixtures.signedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.threadhook.server.testing.HookedOrganizationContract;
import dev.threadhook.server.testing.RecordingReceiver;
import dev.threadhook.server.testing.WebhookFixtures;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * What a hook receives for each kind of message: exactly the reference's 15 fields in their JSON
 * types, nulls included, and Standard Webhooks headers a receiver can verify.
 */
abstract class WebhookPayloadContract extends HookedOrganizationContract {
  @Override
  protected WebhookConfig webhookConfig() {
    return WebhookFixtures.fast().secretOverlap(Duration.ofSeconds(1)).build();
  }

  @Test
  void customerMessageHasTheFifteenFieldsInTheirJsonTypes() {
    JsonNode sent = server.http().post("/api/channel/messages").token(org.channelKeyA())
        .json("{\"customer\":{\"externalId\":\"customer-a\"},\"text\":\"Where is my order?\","
            + "\"externalId\":\"sms-42\"}")
        .send().assertCode(200).json();
    long before = System.currentTimeMillis();

    JsonNode body = receiver.takeRequest().json();

    assertExactlyTheFifteenFields(body);
    assertThat(body.get("customerId").getNodeType()).isEqualTo(JsonNodeType.STRING);
    assertThat(body.get("customerId").asText()).isEqualTo(sent.path("customerId").asText());
    assertThat(body.get("customerThreadId").isIntegralNumber()).isTrue();
    assertThat(body.get("customerThreadId").asLong()).isEqualTo(org.threadInA());
    assertThat(body.get("messageTimestamp").isIntegralNumber()).isTrue();
    assertThat(body.get("messageTimestamp").asLong()).isCloseTo(before, within(10_000L));
    assertThat(body.get("employeeUserId").isNull()).isTrue();
    assertThat(body.get("messageId").isIntegralNumber()).isTrue();
    assertThat(body.get("messageId").asLong()).isEqualTo(sent.path("messageId").asLong());
    assertThat(body.get("messageBody").isTextual()).isTrue();
    assertThat(body.get("messageBody").asText()).isEqualTo("Where is my order?");
    assertThat(body.get("businessId").isIntegralNumber()).isTrue();
    assertThat(body.get("businessId").asLong()).isEqualTo(org.id());
    assertThat(body.get("messageAttachmentName").isNull()).isTrue();
    assertThat(body.get("messageAttachmentContentType").isNull()).isTrue();
    assertThat(body.get("messageAttachmentUUID").isNull()).isTrue();
    assertThat(body.get("messageAttachmentContentLength").isNull()).isTrue();
    assertThat(body.get("fromCustomer").isBoolean()).isTrue();
    assertThat(body.get("fromCustomer").asBoolean()).isTrue();
    assertThat(body.get("messageExternalId").asText()).isEqualTo("sms-42");
    assertThat(body.get("invisible").isBoolean()).isTrue();
    assertThat(body.get("invisible").asBoolean()).isFalse();
    assertThat(body.get("customerType").asText()).isEqualTo("prospect");
  }

  @Test
  void botMessageNamesTheBotAsEmployeeAndIsNotFromTheCustomer() {
    long id = botSays(server, org.botToken(), org.threadInA(), "Your order ships today.", false);

    JsonNode body = receiver.takeRequest().json();

    assertExactlyTheFifteenFields(body);
    assertThat(body.get("messageId").asLong()).isEqualTo(id);
    assertThat(body.get("employeeUserId").isIntegralNumber()).isTrue();
    assertThat(body.get("employeeUserId").asLong()).isEqualTo(org.botUserId());
    assertThat(body.get("fromCustomer").asBoolean()).isFalse();
    assertThat(body.get("invisible").asBoolean()).isFalse();
    assertThat(body.get("messageBody").asText()).isEqualTo("Your order ships today.");
    assertThat(body.get("messageExternalId").isNull()).isTrue();
    assertThat(body.get("customerId").isTextual()).isTrue();
    assertThat(body.get("messageAttachmentUUID").isNull()).isTrue();
  }

  @Test
  void internalNoteIsInvisibleAndNamesItsAuthor() {
    long id = botSays(server, org.adminToken(), org.threadInB(), "VIP, answer first", true);

    JsonNode body = receiver.takeRequest().json();

    assertExactlyTheFifteenFields(body);
    assertThat(body.get("messageId").asLong()).isEqualTo(id);
    assertThat(body.get("customerThreadId").asLong()).isEqualTo(org.threadInB());
    assertThat(body.get("invisible").asBoolean()).isTrue();
    assertThat(body.get("fromCustomer").asBoolean()).isFalse();
    assertThat(body.get("employeeUserId").asLong()).isEqualTo(org.adminUserId());
  }

  @Test
  void attachmentFieldsDescribeTheStoredAttachment() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
    JsonNode sent = server.http().post("/api/channel/messages").token(org.channelKeyB())
        .json("{\"customer\":{\"externalId\":\"customer-b\"},\"attachment\":{\"name\":"
            + "\"receipt.png\",\"contentType\":\"image/png\",\"base64\":\""
            + Base64.getEncoder().encodeToString(png) + "\"}}")
        .send().assertCode(200).json();

    JsonNode body = receiver.takeRequest().json();

    assertExactlyTheFifteenFields(body);
    assertThat(body.get("messageId").asLong()).isEqualTo(sent.path("messageId").asLong());
    assertThat(body.get("messageBody").asText()).isEmpty();
    assertThat(body.get("messageAttachmentName").asText()).isEqualTo("receipt.png");
    assertThat(body.get("messageAttachmentContentType").asText()).isEqualTo("image/png");
    assertThat(body.get("messageAttachmentContentLength").isIntegralNumber()).isTrue();
    assertThat(body.get("messageAttachmentContentLength").asLong()).isEqualTo(png.length);
    String uuid = body.get("messageAttachmentUUID").asText();
    assertThat(uuid).matches("[0-9a-f-]{36}");
    byte[] downloaded = server.http().get("/api/attachments/" + uuid).token(org.botToken())
        .send().assertCode(200).bytes();
    assertThat(downloaded).isEqualTo(png);
  }

  @Test
  void headersCarryASignatureTheReceiverVerifies() {
    long id = botSays(server, org.botToken(), org.threadInA(), "signed", false);

    RecordingReceiver.Request request = receiver.takeRequest();

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/hook");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("User-Agent")).startsWith("Threadhook/");
    assertThat(request.header("webhook-id")).isEqualTo("msg_" + id);
    assertThat(Long.parseLong(request.header("webhook-timestamp")))
        .isCloseTo(System.currentTimeMillis() / 1000, within(10L));
    assertThat(request.header("webhook-attempt")).isEqualTo("1");
    assertThat(request.header("webhook-signature")).startsWith("v1,").doesNotContain(" ");
    String secret = secret(server, org.botToken());
    assertThat(signedWith(request, secret)).isTrue();
    assertThat(signedWith(request, "whsec_" + Base64.getEncoder().encodeToString(new byte[32])))
        .as("a wrong secret must not verify").isFalse();
  }

  @Test
  void rotatedSecretSignsAlongsideThePreviousOneUntilTheOverlapEnds() throws Exception {
    String old = secret(server, org.botToken());
    JsonNode rotated = server.http().post("/api/webhook/rotate-secret").token(org.adminToken())
        .send().assertCode(200).json();
    String current = rotated.path("secret").asText();
    assertThat(current).startsWith("whsec_").isNotEqualTo(old);
    assertThat(rotated.path("previousSecretExpiresAt").asLong())
        .isCloseTo(System.currentTimeMillis() + 1000, within(5_000L));

    botSays(server, org.botToken(), org.threadInA(), "during the rotation", false);
    RecordingReceiver.Request during = receiver.takeRequest();
    assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
    assertThat(signedWith(during, current)).isTrue();
    assertThat(signedWith(during, old)).isTrue();

    Thread.sleep(1100);
    botSays(server, org.botToken(), org.threadInA(), "after the rotation", false);
    RecordingReceiver.Request after = receiver.takeRequest();
    assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
    assertThat(signedWith(after, current)).isTrue();
    assertThat(signedWith(after, old)).isFalse();
    assertThat(server.http().get("/api/webhook").token(org.botToken()).send().json()
        .path("previousSecretExpiresAt").isNull()).isTrue();
  }
}
