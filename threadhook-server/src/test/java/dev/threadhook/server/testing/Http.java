package dev.threadhook.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real HTTP calls to a test server, with chained assertions so each test shows only what
 * differs: {@code http.post("/api/update-thread-status").token(t).json(body).send().assertCode(200)}.
 */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;

  public Http(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Call get(String path) {
    return new Call("GET", path);
  }

  public Call post(String path) {
    return new Call("POST", path).header("Content-Type", "application/json");
  }

  public Call call(String method, String path) {
    return new Call(method, path);
  }

  public final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Call token(String token) {
      return header("token", token);
    }

    public Call header(String name, String value) {
      if (value == null) headers.remove(name);
      else headers.put(name, value);
      return this;
    }

    public Call json(String json) {
      body = json.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    public Call body(byte[] bytes) {
      body = bytes;
      return this;
    }

    public Response send() {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
          .method(method, body.length == 0 && !method.equals("POST")
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(request::header);
      try {
        HttpResponse<byte[]> response =
            CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), response.body(), response.headers());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** An answer, with assertions that return it for chaining. */
  public record Response(int code, byte[] bytes, HttpHeaders headers) {
    public String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        throw new AssertionError("expected a JSON body but was: " + body(), e);
      }
    }

    public Response assertCode(int expected) {
      assertThat(code).as("status of a response with body %s", body()).isEqualTo(expected);
      return this;
    }

    /** Asserts the JSON error shape, its status and code, and part of its message. */
    public Response assertError(int status, String errorCode, String messagePart) {
      assertCode(status);
      assertThat(headers.firstValue("Content-Type").orElse("")).startsWith("application/json");
      JsonNode error = json().path("error");
      assertThat(error.path("code").asText()).as("error code in %s", body()).isEqualTo(errorCode);
      assertThat(error.path("message").asText()).as("error message").contains(messagePart);
      assertThat(body()).doesNotContain("Exception").doesNotContain("\tat ");
      return this;
    }
  }
}
