package dev.threadhook.client;

/**
 * Base of everything the SDK throws. Catch {@link ThreadhookApiException} for answers the server
 * gave (with a status and an error code), {@link ThreadhookNetworkException} for calls that got
 * no answer, {@link WebhookVerificationException} for webhooks that fail verification.
 */
public class ThreadhookException extends RuntimeException {
  public ThreadhookException(String message) {
    super(message);
  }

  public ThreadhookException(String message, Throwable cause) {
    super(message, cause);
  }
}
