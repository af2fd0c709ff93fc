package dev.threadhook.server.webhooks;

import static dev.threadhook.server.testing.RecordingReceiver.Answer.hang;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.ok;
import static dev.threadhook.server.testing.RecordingReceiver.Answer.status;
import static dev.threadhook.server.testing.WebhookFixtures.botSays;
import static dev.threadhook.server.testing.WebhookFixtures.customerMessage;
import static dev.threadhook.server.testing.WebhookFixtures.setHookUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.RecordingReceiver;
import dev.threadhook.server.testing.RecordingReceiver.Request;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import dev.threadhook.server.testing.WebhookFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One organization's bad hook must not cost another anything: at most 4 attempts at once per
 * hook (attempts get 5 s here, so a hanging hook holds its slots for the whole test), and a
 * circuit breaker that pauses a hook after 3 consecutive failures, for 500 ms then 1 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookIsolationContract {
  abstract DatabaseKind database();

  private TestServer server;

  @BeforeAll
  void startServer() {
    server = WebhookFixtures.server(database(), WebhookFixtures.fast()
        .requestTimeout(Duration.ofSeconds(5))
        .lease(Duration.ofSeconds(15))
        .maxConcurrentPerEndpoint(4)
        .retrySchedule(new RetrySchedule(Collections.nCopies(30, Duration.ofMillis(50)), 0))
        .circuitBreaker(3, Duration.ofMillis(500), Duration.ofSeconds(1))
        .build());
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @Test
  void aHangingHookDoesNotDelayAnotherOrganizationsDeliveries() {
    try (RecordingReceiver hanging = RecordingReceiver.start().respondWith(r -> hang());
        RecordingReceiver healthy = RecordingReceiver.start()) {
      TestOrganization stuck = TestOrganization.create(server.server(), "stuck-" + UUID.randomUUID());
      TestOrganization fine = TestOrganization.create(server.server(), "fine-" + UUID.randomUUID());
      setHookUrl(server, stuck.botToken(), hanging.url());
      setHookUrl(server, fine.botToken(), healthy.url());
      for (int i = 0; i < 10; i++) {
        customerMessage(server, stuck.channelKeyA(), "stuck-customer-" + i, "hello " + i);
      }
      hanging.awaitRequests(4);

      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long sent = System.nanoTime();
        botSays(server, fine.botToken(), fine.threadInA(), "quick " + i, false);
        Request received = healthy.takeRequest();
        latencies.add((received.receivedAtNanos() - sent) / 1_000_000);
      }

      assertThat(latencies).as("ms from the send's answer to the hook's receipt")
          .allMatch(ms -> ms < 1000);
      Collections.sort(latencies);
      assertThat(latencies.get(latencies.size() / 2)).as("median ms").isLessThan(300);
      assertThat(hanging.requests()).as("attempts to the hanging hook: at most its cap")
          .hasSize(4);
      assertThat(hanging.mostConcurrentRequests()).isEqualTo(4);
    }
  }

  @Test
  void circuitBreakerPausesAFailingHookThenProbesIt() {
    try (RecordingReceiver failing = RecordingReceiver.start()) {
      failing.enqueue(status(500), status(500), status(500), status(500));
      failing.respondWith(r -> ok());
      TestOrganization org = TestOrganization.create(server.server(), "flaky-" + UUID.randomUUID());
      setHookUrl(server, org.botToken(), failing.url());

      botSays(server, org.botToken(), org.threadInA(), "through the breaker", false);
      List<Request> requests = failing.awaitRequests(5);

      List<Long> gaps = new ArrayList<>();
      for (int i = 1; i < requests.size(); i++) {
        gaps.add((requests.get(i).receivedAtNanos() - requests.get(i - 1).receivedAtNanos())
            / 1_000_000);
      }
      assertThat(gaps.get(0)).as("retry after failure 1 (schedule: 50 ms)").isLessThan(450);
      assertThat(gaps.get(1)).as("retry after failure 2 (schedule: 50 ms)").isLessThan(450);
      assertThat(gaps.get(2)).as("probe after failure 3 opened the breaker for 500 ms")
          .isGreaterThanOrEqualTo(450);
      assertThat(gaps.get(3)).as("probe after the failed probe doubled the pause to 1 s")
          .isGreaterThanOrEqualTo(950);
      assertThat(requests.get(4).acknowledged()).isTrue();
    }
  }
}
