package dev.threadhook.client;

/**
 * A webhook failed verification: a header is missing, the timestamp is outside the tolerance,
 * no signature matches, or the body is not a webhook message. Answer it with 401 (400 for a body
 * that verified but does not parse).
 */
public class WebhookVerificationException extends ThreadhookException {
  public WebhookVerificationException(String message) {
    super(message);
  }

  public WebhookVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
