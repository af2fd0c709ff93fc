package dev.threadhook.client;

/** 5xx: the server failed; 503s were already retried before this was thrown. */
public class ServerErrorException extends ThreadhookApiException {
  public ServerErrorException(String request, int statusCode, String errorCode, String serverMessage) {
    super(request, statusCode, errorCode, serverMessage);
  }
}
