package dev.threadhook.client;

/** 401: the token is missing, unknown or revoked. */
public class UnauthorizedException extends ThreadhookApiException {
  public UnauthorizedException(String request, int statusCode, String errorCode, String serverMessage) {
    super(request, statusCode, errorCode, serverMessage);
  }
}
