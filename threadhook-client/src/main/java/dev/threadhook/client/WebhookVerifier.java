package dev.threadhook.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.api.WebhookMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies webhooks signed the Standard Webhooks way (https://www.standardwebhooks.com), from
 * the raw body and three headers, with any HTTP server:
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(System.getenv("THREADHOOK_WEBHOOK_SECRET"));
 * // servlet: verifier.verify(body, request::getHeader); Javalin: verifier.verify(body, ctx::header)
 * WebhookMessage message = verifier.verify(rawBody, headerName -> headers.get(headerName));
 * }</pre>
 *
 * <p>The signed content is {@code webhook-id + "." + webhook-timestamp + "." + body}; {@code
 * webhook-signature} holds space-separated {@code v1,<base64 HMAC-SHA256>} signatures (several
 * during a secret rotation), of which one must match, compared in constant time. A timestamp
 * more than five minutes from now is refused, so a captured request cannot be replayed later.
 * Verify the body exactly as received: re-serialized JSON does not match.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookVerifier {
  public static final String ID_HEADER = "webhook-id";
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  public static final String SIGNATURE_HEADER = "webhook-signature";
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String SECRET_PREFIX = "whsec_";
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final List<SecretKeySpec> keys;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * @param secrets the signing secret ({@code whsec_…}, or the bare base64 key); several while
   *     you move from one to another
   */
  public WebhookVerifier(String... secrets) {
    this(keysOf(secrets), DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  private WebhookVerifier(List<SecretKeySpec> keys, Duration tolerance, Clock clock) {
    this.keys = keys;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /** This verifier with another timestamp tolerance (default five minutes). */
  public WebhookVerifier withTolerance(Duration tolerance) {
    if (tolerance == null || tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must be zero or more but was " + tolerance);
    }
    return new WebhookVerifier(keys, tolerance, clock);
  }

  /** This verifier reading the time from {@code clock} (tests, replaying recorded webhooks). */
  public WebhookVerifier withClock(Clock clock) {
    return new WebhookVerifier(keys, tolerance, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Verifies the signature, then parses the body as the 15-field webhook message.
   *
   * @param headers looks up a request header by its (lower-case) name, null when absent
   * @throws WebhookVerificationException when a header is missing, the timestamp is out of
   *     tolerance, no signature matches, or the body is not a webhook message
   */
  public WebhookMessage verify(byte[] rawBody, UnaryOperator<String> headers) {
    verifySignature(rawBody, headers.apply(ID_HEADER), headers.apply(TIMESTAMP_HEADER),
        headers.apply(SIGNATURE_HEADER));
    try {
      return JSON.readValue(rawBody, WebhookMessage.class);
    } catch (IOException e) {
      throw new WebhookVerificationException(
          "the signed body is not a webhook message: " + e.getMessage(), e);
    }
  }

  /**
   * Verifies a signature without parsing the body.
   *
   * @throws WebhookVerificationException saying which check failed
   */
  public void verifySignature(
      byte[] rawBody, String webhookId, String webhookTimestamp, String webhookSignature) {
    Objects.requireNonNull(rawBody, "rawBody");
    if (webhookId == null || webhookId.isEmpty()) throw missing(ID_HEADER);
    if (webhookTimestamp == null || webhookTimestamp.isEmpty()) throw missing(TIMESTAMP_HEADER);
    if (webhookSignature == null || webhookSignature.isEmpty()) throw missing(SIGNATURE_HEADER);
    long timestamp;
    try {
      timestamp = Long.parseLong(webhookTimestamp.strip());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException(TIMESTAMP_HEADER
          + " must be unix seconds but was '" + webhookTimestamp + "'");
    }
    long now = clock.instant().getEpochSecond();
    if (timestamp < now - tolerance.toSeconds()) {
      throw new WebhookVerificationException(TIMESTAMP_HEADER + " " + timestamp + " is "
          + (now - timestamp) + " s old, more than the " + tolerance.toSeconds()
          + " s tolerance");
    }
    if (timestamp > now + tolerance.toSeconds()) {
      throw new WebhookVerificationException(TIMESTAMP_HEADER + " " + timestamp + " is "
          + (timestamp - now) + " s in the future, more than the " + tolerance.toSeconds()
          + " s tolerance");
    }
    List<byte[]> presented = v1Signatures(webhookSignature);
    if (presented.isEmpty()) {
      throw new WebhookVerificationException(SIGNATURE_HEADER
          + " must hold at least one 'v1,<base64>' signature but was '" + webhookSignature + "'");
    }
    byte[] signedContent = signedContent(webhookId, timestamp, rawBody);
    boolean matched = false;
    for (SecretKeySpec key : keys) {
      byte[] expected = hmac(key, signedContent);
      for (byte[] candidate : presented) {
        // Every pair is compared, without stopping at a match, so timing tells nothing.
        matched |= MessageDigest.isEqual(expected, candidate);
      }
    }
    if (!matched) {
      throw new WebhookVerificationException("no signature in " + SIGNATURE_HEADER
          + " matches the body, id and timestamp with the configured secret");
    }
  }

  /**
   * The {@code v1,<base64>} signature of a webhook with the first secret, as a sender computes
   * it (for tests and for forwarding webhooks).
   */
  public String sign(String webhookId, long timestamp, byte[] rawBody) {
    return "v1," + Base64.getEncoder().encodeToString(
        hmac(keys.get(0), signedContent(webhookId, timestamp, rawBody)));
  }

  private static byte[] signedContent(String id, long timestamp, byte[] body) {
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(body, 0, content, prefix.length, body.length);
    return content;
  }

  private static List<byte[]> v1Signatures(String header) {
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.strip().split("\\s+")) {
      int comma = part.indexOf(',');
      if (comma < 0 || !part.substring(0, comma).equals("v1")) continue;
      try {
        signatures.add(Base64.getDecoder().decode(part.substring(comma + 1)));
      } catch (IllegalArgumentException notBase64) {
        // A malformed signature matches nothing; another one in the header may still match.
      }
    }
    return signatures;
  }

  private static byte[] hmac(SecretKeySpec key, byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(content);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static List<SecretKeySpec> keysOf(String... secrets) {
    if (secrets == null || secrets.length == 0) {
      throw new IllegalArgumentException("at least one webhook secret is required");
    }
    List<SecretKeySpec> keys = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null || secret.isBlank()) {
        throw new IllegalArgumentException("a webhook secret must not be null or blank");
      }
      String base64 = secret.strip();
      if (base64.startsWith(SECRET_PREFIX)) base64 = base64.substring(SECRET_PREFIX.length());
      byte[] key;
      try {
        key = Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "a webhook secret must be 'whsec_' and base64 but was not base64", e);
      }
      if (key.length == 0) throw new IllegalArgumentException("a webhook secret must not be empty");
      keys.add(new SecretKeySpec(key, "HmacSHA256"));
    }
    return List.copyOf(keys);
  }

  private static WebhookVerificationException missing(String header) {
    return new WebhookVerificationException("the " + header + " header is missing");
  }
}
