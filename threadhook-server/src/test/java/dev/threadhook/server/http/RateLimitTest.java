package dev.threadhook.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.Http;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Each token has its own bucket; an empty one gets 429 with Retry-After, and stores nothing. */
class RateLimitTest {

  @Test
  void tokenOverItsBurstGets429WithRetryAfterWhileOthersGoOn() {
    try (TestServer server = TestServer.start(DatabaseKind.H2,
        config -> config.withRateLimit(new RateLimit(0.5, 3)))) {
      TestOrganization org = TestOrganization.create(server.server(), "Acme");
      Http.Call send = server.http().post("/api/send-message-to-customer-thread")
          .token(org.botToken())
          .json("{\"text\":\"spam\",\"customerThreadId\":" + org.threadInA() + "}");
      for (int i = 0; i < 3; i++) send.send().assertCode(200);

      Http.Response limited = send.send()
          .assertError(429, "rate_limited", "too many requests for this token");
      assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, 2L);
      assertThat(server.server().conversations().messages(
              server.server().accounts().authenticate(org.adminToken()), org.threadInA(), 0, 50))
          .hasSize(4);

      server.http().get("/api/me").token(org.agentToken()).send().assertCode(200);
    }
  }
}
