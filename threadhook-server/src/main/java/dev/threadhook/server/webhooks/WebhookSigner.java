package dev.threadhook.server.webhooks;

import dev.threadhook.server.accounts.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): base64 of HMAC-SHA256 over
 * {@code id.timestamp.body}, keyed with the base64-decoded part of the {@code whsec_} secret, as
 * {@code v1,<signature>}; one per secret, space-separated, while a rotation is under way.
 */
public final class WebhookSigner {
  private WebhookSigner() {}

  /** The {@code webhook-signature} header value for these secrets, the newest first. */
  public static String signatureHeader(
      String webhookId, long timestampSeconds, byte[] body, List<String> secrets) {
    StringJoiner header = new StringJoiner(" ");
    for (String secret : secrets) header.add("v1," + sign(key(secret), webhookId, timestampSeconds, body));
    return header.toString();
  }

  static String sign(byte[] key, String webhookId, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** The HMAC key of a {@code whsec_…} secret. */
  static byte[] key(String secret) {
    String base64 = secret.startsWith(Secrets.WEBHOOK_SECRET_PREFIX)
        ? secret.substring(Secrets.WEBHOOK_SECRET_PREFIX.length())
        : secret;
    return Base64.getDecoder().decode(base64);
  }
}
