package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

  /** The example of the Standard Webhooks reference libraries. */
  @Test
  void signsLikeTheStandardWebhooksReference() {
    String header = WebhookSigner.signatureHeader("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
        BODY, List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

    assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void signsWithEverySecretDuringARotationNewestFirst() {
    String header = WebhookSigner.signatureHeader("msg_1", 1614265330, BODY,
        List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_c2VjcmV0LW51bWJlci10d28="));

    assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
    assertThat(header).startsWith(WebhookSigner.signatureHeader("msg_1", 1614265330, BODY,
        List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")) + " ");
  }
}
