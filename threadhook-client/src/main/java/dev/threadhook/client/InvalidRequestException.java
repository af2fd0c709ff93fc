package dev.threadhook.client;

/** 400 (and 409, 413, 415, 422): the request itself is wrong; retrying it unchanged will not help. */
public class InvalidRequestException extends ThreadhookApiException {
  public InvalidRequestException(String request, int statusCode, String errorCode, String serverMessage) {
    super(request, statusCode, errorCode, serverMessage);
  }
}
