package dev.threadhook.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP request as the load tool sends it. */
public record Request(String method, String path, Map<String, String> headers, byte[] body) {

  /** A JSON POST carrying the reference's {@code token} header. */
  public static Request postJson(String path, String token, String json) {
    return new Request("POST", path, Map.of("token", token, "Content-Type", "application/json"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  public static Request get(String path, String token) {
    return new Request("GET", path, Map.of("token", token), new byte[0]);
  }
}
