package dev.threadhook.client;

/**
 * The server answered with an error. Its subclasses name the common cases; a status they do not
 * cover (405, 409, other 4xx) is thrown as this class.
 */
public class ThreadhookApiException extends ThreadhookException {
  private final int statusCode;
  private final String errorCode;
  private final String serverMessage;

  public ThreadhookApiException(
      String request, int statusCode, String errorCode, String serverMessage) {
    super(request + " answered " + statusCode
        + (errorCode == null ? "" : " " + errorCode)
        + (serverMessage == null || serverMessage.isEmpty() ? "" : ": " + serverMessage));
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.serverMessage = serverMessage;
  }

  /** The HTTP status, 400 to 599. */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The server's {@code error.code} ({@code invalid_request}, {@code not_found},
   * {@code idempotency_key_reused}…), or null when the answer was not Threadhook's JSON error.
   */
  public String errorCode() {
    return errorCode;
  }

  /** The server's {@code error.message}, or the start of a non-JSON answer. */
  public String serverMessage() {
    return serverMessage;
  }
}
