package dev.threadhook.client;

/** 404: no such thread, message or attachment — or one the token may not see, which the server answers the same way. */
public class NotFoundException extends ThreadhookApiException {
  public NotFoundException(String request, int statusCode, String errorCode, String serverMessage) {
    super(request, statusCode, errorCode, serverMessage);
  }
}
