package dev.threadhook.client;

/** 403: the token is valid but may not do this (an agent setting the hook URL, say). */
public class ForbiddenException extends ThreadhookApiException {
  public ForbiddenException(String request, int statusCode, String errorCode, String serverMessage) {
    super(request, statusCode, errorCode, serverMessage);
  }
}
