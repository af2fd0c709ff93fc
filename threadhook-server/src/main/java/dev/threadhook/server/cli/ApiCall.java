package dev.threadhook.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.server.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The CLI's calls to a running server: JSON in, JSON out, errors as readable messages. */
final class ApiCall {
  private static final ObjectMapper JSON = Json.newMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String server;

  ApiCall(String server) {
    this.server = server.replaceAll("/+$", "");
  }

  JsonNode get(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(server + path)).header("token", token).GET());
  }

  JsonNode post(String path, String token, Object body) {
    try {
      return send(HttpRequest.newBuilder(URI.create(server + path))
          .header("token", token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    } catch (IOException e) {
      throw new CliException("cannot encode the request: " + e.getMessage());
    }
  }

  private JsonNode send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response = client.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = response.body().length == 0 ? null : JSON.readTree(response.body());
      if (response.statusCode() / 100 != 2) {
        String message = json == null ? "" : json.path("error").path("message").asText();
        throw new CliException("the server answered " + response.statusCode() + ": " + message);
      }
      return json;
    } catch (ConnectException e) {
      throw new CliException("no server answers at " + server
          + " (start one with ./threadhook serve --demo, or pass --server)");
    } catch (IOException e) {
      throw new CliException("calling " + server + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  /** A failure the CLI reports in one line, without a stack trace. */
  static final class CliException extends RuntimeException {
    CliException(String message) {
      super(message, null, false, false);
    }
  }
}
