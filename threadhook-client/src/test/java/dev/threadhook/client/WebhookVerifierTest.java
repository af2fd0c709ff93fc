package dev.threadhook.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.api.WebhookMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Standard Webhooks reference vector, and every way a webhook can fail to verify. */
class WebhookVerifierTest {
  // The Standard Webhooks specification's published test vector.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final String OTHER_SECRET = "whsec_" + java.util.Base64.getEncoder()
      .encodeToString("another key of 32 bytes, rotated".getBytes(StandardCharsets.UTF_8));

  /** A verifier whose clock reads {@code offsetSeconds} after the vector's timestamp. */
  private static WebhookVerifier at(long offsetSeconds, String... secrets) {
    return new WebhookVerifier(secrets).withClock(
        Clock.fixed(Instant.ofEpochSecond(TIMESTAMP + offsetSeconds), ZoneOffset.UTC));
  }

  @Test
  void signsTheReferenceVectorExactly() {
    assertThat(at(0, SECRET).sign(ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
  }

  @Test
  void acceptsTheReferenceVector() {
    assertThatCode(() -> at(0, SECRET).verifySignature(BODY, ID, "1614265330", SIGNATURE))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsASecretWithoutItsWhsecPrefix() {
    assertThatCode(() -> at(0, SECRET.substring("whsec_".length()))
        .verifySignature(BODY, ID, "1614265330", SIGNATURE)).doesNotThrowAnyException();
  }

  @Test
  void refusesATamperedBody() {
    byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> at(0, SECRET).verifySignature(tampered, ID, "1614265330", SIGNATURE))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("no signature in webhook-signature matches");
  }

  @Test
  void refusesABodyReSerializedWithDifferentWhitespace() {
    byte[] compact = "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> at(0, SECRET).verifySignature(compact, ID, "1614265330", SIGNATURE))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void refusesATamperedId() {
    assertThatThrownBy(() -> at(0, SECRET)
        .verifySignature(BODY, "msg_p5jXN8AQM9LWM0D4loKWxJeK", "1614265330", SIGNATURE))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("no signature");
  }

  @Test
  void refusesATamperedTimestampEvenWithinTheTolerance() {
    assertThatThrownBy(() -> at(0, SECRET).verifySignature(BODY, ID, "1614265331", SIGNATURE))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("no signature");
  }

  @Test
  void refusesATamperedSignature() {
    String flipped = "v1,h0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    assertThatThrownBy(() -> at(0, SECRET).verifySignature(BODY, ID, "1614265330", flipped))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> at(0, SECRET).verifySignature(BODY, ID, "1614265330",
        "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="))
        .as("only v1 signatures count")
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("at least one 'v1,<base64>' signature");
    assertThatThrownBy(() -> at(0, SECRET).verifySignature(BODY, ID, "1614265330", "v1,!!!"))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void refusesTheRightSignatureCheckedWithAnotherSecret() {
    assertThatThrownBy(() -> at(0, OTHER_SECRET)
        .verifySignature(BODY, ID, "1614265330", SIGNATURE))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void acceptsATimestampUpToFiveMinutesOldAndRefusesAnOlderOne() {
    assertThatCode(() -> at(300, SECRET).verifySignature(BODY, ID, "1614265330", SIGNATURE))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> at(301, SECRET).verifySignature(BODY, ID, "1614265330", SIGNATURE))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessage("webhook-timestamp 1614265330 is 301 s old, more than the 300 s tolerance");
  }

  @Test
  void acceptsATimestampUpToFiveMinutesAheadAndRefusesOneFurtherInTheFuture() {
    assertThatCode(() -> at(-300, SECRET).verifySignature(BODY, ID, "1614265330", SIGNATURE))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> at(-301, SECRET).verifySignature(BODY, ID, "1614265330", SIGNATURE))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessage(
            "webhook-timestamp 1614265330 is 301 s in the future, more than the 300 s tolerance");
  }

  @Test
  void aCustomToleranceReplacesTheFiveMinutes() {
    WebhookVerifier strict = at(61, SECRET).withTolerance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> strict.verifySignature(BODY, ID, "1614265330", SIGNATURE))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("60 s tolerance");
  }

  @Test
  void acceptsAnyOfSeveralSignaturesDuringARotation() {
    String oldSignature = at(0, OTHER_SECRET).sign(ID, TIMESTAMP, BODY);
    String both = oldSignature + " " + SIGNATURE;

    assertThatCode(() -> at(0, SECRET).verifySignature(BODY, ID, "1614265330", both))
        .as("a receiver that already has the new secret").doesNotThrowAnyException();
    assertThatCode(() -> at(0, OTHER_SECRET).verifySignature(BODY, ID, "1614265330", both))
        .as("a receiver that still has the old secret").doesNotThrowAnyException();
    assertThatThrownBy(() -> at(0, SECRET).verifySignature(BODY, ID, "1614265330",
        oldSignature + " v1,AAAA"))
        .as("neither signature is the new secret's").isInstanceOf(
            WebhookVerificationException.class);
  }

  @Test
  void aVerifierWithTwoSecretsAcceptsEithersSignature() {
    WebhookVerifier both = at(0, OTHER_SECRET, SECRET);
    assertThatCode(() -> both.verifySignature(BODY, ID, "1614265330", SIGNATURE))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAMissingHeaderOrANonNumericTimestamp() {
    WebhookVerifier verifier = at(0, SECRET);
    assertThatThrownBy(() -> verifier.verifySignature(BODY, null, "1614265330", SIGNATURE))
        .hasMessage("the webhook-id header is missing");
    assertThatThrownBy(() -> verifier.verifySignature(BODY, ID, null, SIGNATURE))
        .hasMessage("the webhook-timestamp header is missing");
    assertThatThrownBy(() -> verifier.verifySignature(BODY, ID, "1614265330", ""))
        .hasMessage("the webhook-signature header is missing");
    assertThatThrownBy(() -> verifier.verifySignature(BODY, ID, "2021-02-25T15:02:10Z", SIGNATURE))
        .hasMessage("webhook-timestamp must be unix seconds but was '2021-02-25T15:02:10Z'");
  }

  @Test
  void verifyReadsTheHeadersAndParsesTheFifteenFieldMessage() {
    byte[] body = ("{\"customerId\":\"148332\",\"customerThreadId\":156100,"
        + "\"messageTimestamp\":1484768843336,\"employeeUserId\":7889,\"messageId\":4683951,"
        + "\"messageBody\":\"Yep, it works\",\"businessId\":907,\"messageAttachmentName\":null,"
        + "\"messageAttachmentContentType\":null,\"messageAttachmentUUID\":null,"
        + "\"messageAttachmentContentLength\":null,\"fromCustomer\": false,"
        + "\"messageExternalId\": null,\"invisible\": false,\"customerType\":\"prospect\"}")
        .getBytes(StandardCharsets.UTF_8);
    WebhookVerifier verifier = new WebhookVerifier(SECRET);
    long now = Instant.now().getEpochSecond();
    Map<String, String> headers = Map.of("webhook-id", "msg_4683951",
        "webhook-timestamp", Long.toString(now),
        "webhook-signature", verifier.sign("msg_4683951", now, body));

    WebhookMessage message = verifier.verify(body, headers::get);

    assertThat(message.customerThreadId()).isEqualTo(156100);
    assertThat(message.employeeUserId()).isEqualTo(7889L);
    assertThat(message.messageBody()).isEqualTo("Yep, it works");
    assertThat(message.customerType()).isEqualTo(WebhookMessage.PROSPECT);
  }

  @Test
  void refusesSecretsThatAreNotBase64() {
    assertThatThrownBy(() -> new WebhookVerifier("whsec_not base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not base64");
    assertThatThrownBy(() -> new WebhookVerifier("whsec_"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
