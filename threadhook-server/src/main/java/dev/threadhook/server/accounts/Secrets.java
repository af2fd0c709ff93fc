package dev.threadhook.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes the secrets Threadhook hands out. Each has 32 random bytes and a prefix that
 * says what it is, so a leaked one is recognizable in logs and by secret scanners.
 */
public final class Secrets {
  public static final String API_TOKEN_PREFIX = "thk_";
  public static final String CHANNEL_KEY_PREFIX = "thc_";
  public static final String WEBHOOK_SECRET_PREFIX = "whsec_";

  private final SecureRandom random = new SecureRandom();

  public String newApiToken() {
    return API_TOKEN_PREFIX + randomUrlSafe(32);
  }

  public String newChannelKey() {
    return CHANNEL_KEY_PREFIX + randomUrlSafe(32);
  }

  /** A Standard Webhooks secret: {@code whsec_} and the base64 of the HMAC key. */
  public String newWebhookSecret() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return WEBHOOK_SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  private String randomUrlSafe(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

  /** The hex SHA-256 under which a token is stored and looked up. */
  public static String hash(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  /** Compares a presented secret with a stored hash in time independent of where they differ. */
  public static boolean matches(String secret, String storedHash) {
    return MessageDigest.isEqual(
        sha256(secret), HexFormat.of().parseHex(storedHash));
  }

  /** The first characters of a secret, safe to show in listings. */
  public static String displayPrefix(String secret) {
    return secret.substring(0, Math.min(secret.length(), 10));
  }

  /**
   * Never updated, only cloned: every request hashes the token it presents, and looking the
   * algorithm up ({@code MessageDigest.getInstance}, its provider list and its algorithm
   * constraints) was 8 of the 10 samples that hashing took in a profile of e2e on PostgreSQL
   * (docs/benchmarks.md, profile 43); a clone copies the digest's few words of state.
   */
  private static final MessageDigest SHA_256 = newSha256();

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  private static byte[] sha256(String value) {
    MessageDigest digest;
    try {
      digest = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      digest = newSha256();
    }
    return digest.digest(value.getBytes(StandardCharsets.UTF_8));
  }
}
