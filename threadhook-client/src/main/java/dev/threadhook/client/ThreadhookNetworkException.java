package dev.threadhook.client;

/**
 * The call got no answer: connection refused or reset, a timeout, the connection closed before
 * the response. Thrown after the client's retries; the cause is the last attempt's failure.
 */
public class ThreadhookNetworkException extends ThreadhookException {
  public ThreadhookNetworkException(String message, Throwable cause) {
    super(message, cause);
  }
}
