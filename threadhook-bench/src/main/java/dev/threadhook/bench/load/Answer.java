package dev.threadhook.bench.load;

import java.nio.charset.StandardCharsets;

/** An HTTP response: its status and body. */
public record Answer(int status, byte[] body) {
  public boolean successful() {
    return status >= 200 && status < 300;
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
