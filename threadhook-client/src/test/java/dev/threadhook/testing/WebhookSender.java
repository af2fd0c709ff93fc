package dev.threadhook.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.api.Message;
import dev.threadhook.api.WebhookMessage;
import dev.threadhook.client.WebhookVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * Plays the server's webhook engine for a receiver under test: POSTs {@link WebhookMessage}s
 * with the delivery format's headers ({@code webhook-id} {@code msg_<messageId>}, timestamp,
 * Standard Webhooks signature, attempt), signed with its secret.
 */
public final class WebhookSender {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The receiver's answer. */
  public record Answer(int status, String body) {}

  private final String url;
  private final String secret;
  private final WebhookVerifier signer;

  public WebhookSender(String url, String secret) {
    this.url = url;
    this.secret = secret;
    this.signer = new WebhookVerifier(secret);
  }

  /** A new random {@code whsec_} secret. */
  public static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  public String secret() {
    return secret;
  }

  /** The webhook body the server sends for a message of organization {@code businessId}. */
  public static WebhookMessage webhookOf(Message m, long businessId) {
    return new WebhookMessage(m.customerId(), m.customerThreadId(), m.timestamp(),
        m.employeeUserId(), m.id(), m.body(), businessId,
        m.attachment() == null ? null : m.attachment().name(),
        m.attachment() == null ? null : m.attachment().contentType(),
        m.attachment() == null ? null : m.attachment().uuid(),
        m.attachment() == null ? null : m.attachment().contentLength(),
        m.fromCustomer(), m.externalId(), m.invisible(), WebhookMessage.PROSPECT);
  }

  /** First attempt of a message's delivery, signed now. */
  public Answer deliver(WebhookMessage message) {
    return deliver(message, 1);
  }

  /** An attempt of a message's delivery: same {@code webhook-id} on every attempt. */
  public Answer deliver(WebhookMessage message, int attempt) {
    return join(deliverAsync(message, attempt));
  }

  public CompletableFuture<Answer> deliverAsync(WebhookMessage message, int attempt) {
    byte[] body = body(message);
    String id = "msg_" + message.messageId();
    long now = Instant.now().getEpochSecond();
    return post(body, id, now, signer.sign(id, now, body), attempt);
  }

  /** A delivery with headers of the caller's choosing (tampered, stale…). */
  public Answer deliverRaw(byte[] body, String id, long timestamp, String signature) {
    return join(post(body, id, timestamp, signature, 1));
  }

  /** The signature this sender would put on {@code body}. */
  public String sign(String id, long timestamp, byte[] body) {
    return signer.sign(id, timestamp, body);
  }

  public static byte[] body(WebhookMessage message) {
    try {
      return JSON.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private CompletableFuture<Answer> post(
      byte[] body, String id, long timestamp, String signature, int attempt) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json")
        .header("User-Agent", "Threadhook/test")
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-attempt", Integer.toString(attempt));
    if (signature != null) request.header("webhook-signature", signature);
    // A blocking send on a virtual thread: sendAsync completes on the common pool, which a test
    // may be blocking.
    return CompletableFuture.supplyAsync(() -> {
      try {
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().strip());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }, task -> Thread.ofVirtual().start(task));
  }

  private static Answer join(CompletableFuture<Answer> answer) {
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    }
  }
}
