package dev.threadhook.bench;

import static dev.threadhook.bench.BenchRuns.check;
import static dev.threadhook.bench.BenchRuns.run;
import static dev.threadhook.bench.BenchRuns.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.report.RunReport;
import dev.threadhook.server.accounts.Principal;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short runs of {@code e2e}: every message it sent was acknowledged, delivered once to the
 * receiver and in its thread's order, and each delivery was matched to its request. Nothing here
 * looks at how fast anything was.
 */
class E2eCommandTest {
  private static final int RATE = 50;

  @TempDir Path results;

  @Test
  void e2eOnAStartedH2ServerFollowsEveryMessageToItsWebhook() throws IOException {
    List<String> args = tiny(started("e2e", "h2"));

    RunReport report = run(args, results);

    assertFollowedEveryMessage(report, "h2");
    assertThat(report.ceilings()).extracting(PhaseResult::name).containsExactly("http ceiling");
    assertThat(report.phases().get(0).ratios().throughputToHttpCeiling()).isNotNull();
    assertThat(check(report, "the no-op server received every acknowledged request").passed())
        .isTrue();
  }

  @Test
  void e2eOnAStartedPostgresServerFollowsEveryMessageToItsWebhook() throws IOException {
    List<String> args = tiny(started("e2e", "postgres"));
    args.add("--no-http-ceiling");

    RunReport report = run(args, results);

    assertFollowedEveryMessage(report, "postgresql");
    assertThat(report.ceilings()).isEmpty();
  }

  @Test
  void e2eOnAnExistingServerBorrowsTheHookAndGivesItBack() throws IOException {
    try (TestServer server = TestServer.start(DatabaseKind.H2,
        config -> config.withAllowPrivateWebhooks(true))) {
      TestOrganization org = TestOrganization.create(server.server(), "Acme");
      Principal bot = server.server().accounts().authenticate(org.botToken());
      String ownHook = "http://127.0.0.1:9/own-hook";
      server.server().webhooks().settings().updateUrl(bot, ownHook);

      RunReport report = run(tiny(new ArrayList<>(List.of("e2e", "--url", server.baseUrl(),
          "--token", org.botToken(), "--channel-key", org.channelKeyA(), "--no-http-ceiling"))),
          results);

      assertThat(report.target().kind()).isEqualTo("existing");
      assertThat(report.passed()).as("checks %s", report.checks()).isTrue();
      assertThat(check(report, "every acknowledged message was delivered").counts().get("lost"))
          .isZero();
      assertThat(server.server().webhooks().settings().state(bot).url()).isEqualTo(ownHook);
    }
  }

  /** {@value RATE} messages a second for a second over 10 threads, after a short warm-up. */
  private static List<String> tiny(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--rate", Integer.toString(RATE), "--duration", "1s", "--warmup", "200ms",
        "--threads", "10", "--connections", "4", "--settle-timeout", "20s"));
    return all;
  }

  private static void assertFollowedEveryMessage(RunReport report, String database) {
    assertThat(report.passed()).as("checks %s", report.checks()).isTrue();
    assertThat(report.target().database()).isEqualTo(database);
    assertThat(report.settings().scenario()).containsEntry("rate", RATE + "/s");
    assertThat(report.phases()).extracting(PhaseResult::name)
        .containsExactly("e2e requests", "e2e ack→webhook");
    PhaseResult requests = report.phases().get(0);
    PhaseResult deliveries = report.phases().get(1);
    assertThat(requests.sent() + requests.unsent()).as("due at %d/s for 1 s", RATE)
        .isEqualTo(RATE);
    assertThat(requests.acknowledged()).isEqualTo(requests.sent()).isPositive();
    assertThat(deliveries.sent()).as("the acknowledged messages followed")
        .isEqualTo(requests.acknowledged());
    assertThat(deliveries.acknowledged()).as("the delivered ones").isEqualTo(deliveries.sent());
    assertThat(deliveries.latency().count()).isEqualTo(deliveries.acknowledged());

    Check requested = check(report, "every request was acknowledged");
    long sent = requested.counts().get("sent");
    // (a warm-up of 200 ms may send nothing at all on a machine busy enough)
    assertThat(sent).as("the measured phase's requests and the warm-up's")
        .isGreaterThanOrEqualTo(requests.sent());
    Check delivered = check(report, "every acknowledged message was delivered");
    assertThat(delivered.counts()).containsEntry("acknowledged", sent)
        .containsEntry("delivered", sent).containsEntry("lost", 0L);
    assertThat(check(report, "no message was delivered twice, except by a retry").counts())
        .containsEntry("repeats", 0L);
    assertThat(check(report, "each thread's messages came in the order they were acknowledged")
        .counts()).containsEntry("threads", 10L).containsEntry("outOfOrder", 0L);
  }
}
