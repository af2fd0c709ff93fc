package dev.threadhook.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Sends one logical call, retrying transient failures, and turns error answers into exceptions. */
final class HttpTransport {
  /** The start of a non-JSON error answer kept in an exception's message. */
  private static final int MAX_ERROR_TEXT = 300;

  /**
   * How a call may be repeated. A send carries an Idempotency-Key and status or hook updates set
   * a value, so repeating them after a lost answer is harmless; rotating a secret or asking for
   * a redelivery is not, so those are repeated only when the request surely never left.
   */
  enum Replay { AFTER_ANY_FAILURE, ONLY_IF_UNSENT }

  record Call(String method, String path, byte[] body, Map<String, String> headers, Replay replay) {
    static Call get(String path) {
      return new Call("GET", path, null, Map.of(), Replay.AFTER_ANY_FAILURE);
    }

    static Call post(String path, byte[] json, Replay replay) {
      return new Call("POST", path, json, Map.of(), replay);
    }

    Call header(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Call(method, path, body, Map.copyOf(more), replay);
    }

    String describe() {
      return method + " " + path;
    }
  }

  /** The retry schedule: the n-th retry waits about {@code initialBackoff * 2^(n-1)}, capped. */
  record RetryPolicy(
      int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {}

  private final String baseUrl;
  private final String token;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final ObjectMapper json;
  private final String userAgent;

  HttpTransport(String baseUrl, String token, HttpClient http, Duration requestTimeout,
      RetryPolicy retry, ObjectMapper json, String userAgent) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.retry = retry;
    this.json = json;
    this.userAgent = userAgent;
  }

  String baseUrl() {
    return baseUrl;
  }

  /**
   * Sends the call, retrying as the policy allows; returns a 2xx answer or throws a {@link
   * ThreadhookException}. Blocking: the async variants run it on the client's executor (virtual
   * threads by default) rather than on {@code HttpClient.sendAsync}, whose completions hop to the
   * common pool and stall whenever something else blocks that pool.
   */
  HttpResponse<byte[]> send(Call call) {
    HttpRequest request;
    try {
      request = request(call);
    } catch (RuntimeException e) {
      throw new ThreadhookException(call.describe() + " could not be sent: " + e.getMessage(), e);
    }
    for (int attempt = 1; ; attempt++) {
      boolean retriesLeft = attempt <= retry.maxRetries();
      HttpResponse<byte[]> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        if (retriesLeft && mayRepeat(call, e)) {
          pause(call, backoffMillis(attempt));
          continue;
        }
        throw new ThreadhookNetworkException(call.describe() + " to " + baseUrl
            + " got no answer after " + attempt + (attempt == 1 ? " attempt: " : " attempts: ")
            + describe(e), e);
      } catch (InterruptedException e) {
        throw interrupted(call, e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) return response;
      if ((status == 429 || status == 503) && retriesLeft) {
        // Both mean the server did not act on the request, so any call may be repeated.
        Duration retryAfter = retryAfter(response);
        if (retryAfter == null || retryAfter.compareTo(retry.maxRetryAfter()) <= 0) {
          pause(call, retryAfter != null ? retryAfter.toMillis() : backoffMillis(attempt));
          continue;
        }
      }
      throw error(call, response);
    }
  }

  private static void pause(Call call, long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw interrupted(call, e);
    }
  }

  private static ThreadhookNetworkException interrupted(Call call, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new ThreadhookNetworkException(call.describe() + " was interrupted", e);
  }

  /** Exponential with equal jitter: half the step fixed, half random, so clients spread out. */
  private long backoffMillis(int attempt) {
    long base = retry.initialBackoff().toMillis();
    long step = Math.min(retry.maxBackoff().toMillis(), base << Math.min(attempt - 1, 20));
    long half = step / 2;
    return half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0);
  }

  private static boolean mayRepeat(Call call, Throwable cause) {
    boolean unsent = cause instanceof ConnectException
        || cause instanceof HttpConnectTimeoutException;
    if (unsent) return true;
    return call.replay() == Replay.AFTER_ANY_FAILURE && cause instanceof IOException;
  }

  private HttpRequest request(Call call) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
        .timeout(requestTimeout)
        .header("token", token)
        .header("User-Agent", userAgent);
    if (call.body() != null) {
      request.header("Content-Type", "application/json")
          .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
    } else {
      request.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    call.headers().forEach(request::header);
    return request.build();
  }

  private ThreadhookApiException error(Call call, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String code = null;
    String message;
    String text = new String(response.body(), StandardCharsets.UTF_8);
    try {
      JsonNode error = json.readTree(text).path("error");
      if (error.isObject()) {
        code = error.path("code").isTextual() ? error.path("code").textValue() : null;
        message = error.path("message").asText("");
      } else {
        message = abbreviate(text);
      }
    } catch (IOException | RuntimeException notJson) {
      message = abbreviate(text);
    }
    String request = call.describe();
    return switch (status) {
      case 401 -> new UnauthorizedException(request, status, code, message);
      case 403 -> new ForbiddenException(request, status, code, message);
      case 404 -> new NotFoundException(request, status, code, message);
      case 400, 409, 413, 415, 422 -> new InvalidRequestException(request, status, code, message);
      case 429 -> new RateLimitedException(request, code, message, retryAfter(response));
      default -> status >= 500
          ? new ServerErrorException(request, status, code, message)
          : new ThreadhookApiException(request, status, code, message);
    };
  }

  /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null || value.isBlank()) return null;
    value = value.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    String type = cause.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  private static String abbreviate(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_ERROR_TEXT ? oneLine : oneLine.substring(0, MAX_ERROR_TEXT) + "…";
  }
}
