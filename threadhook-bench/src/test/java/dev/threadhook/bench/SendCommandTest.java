package dev.threadhook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.report.RunReport;
import dev.threadhook.bench.scenario.SendScenario;
import dev.threadhook.server.accounts.Principal;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestOrganization;
import dev.threadhook.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short runs of {@code send} that check the tool runs end to end and counts right: every
 * request it sent was acknowledged and stored, on the server and on both ceilings. A benchmark
 * is a tool, not a test: nothing here looks at how fast anything was.
 */
class SendCommandTest {
  private static final int OPEN_RATE = 100;

  @TempDir Path results;

  @Test
  void sendOnAStartedH2ServerCountsEveryMessageOnServerAndCeilings() throws IOException {
    RunReport report = run(started("h2"));

    assertStartedRun(report, "h2");
  }

  @Test
  void sendOnAStartedPostgresServerCountsEveryMessageOnServerAndCeilings() throws IOException {
    RunReport report = run(started("postgres"));

    assertStartedRun(report, "postgresql");
  }

  @Test
  void sendOnAnExistingServerWritesToTheGivenThreads() throws IOException {
    try (TestServer server = TestServer.start(DatabaseKind.H2)) {
      TestOrganization org = TestOrganization.create(server.server(), "Acme");
      RunReport report = run(new ArrayList<>(List.of("send", "--url", server.baseUrl(),
          "--token", org.botToken(), "--thread-ids", org.threadInA() + "," + org.threadInB(),
          "--no-http-ceiling", "--no-database-ceiling", "--connections", "2",
          "--duration", "500ms", "--warmup", "0s", "--rates", "none")));

      assertThat(report.target().kind()).isEqualTo("existing");
      assertThat(report.ceilings()).isEmpty();
      assertThat(report.phases()).extracting(PhaseResult::model).containsExactly("closed");
      Check stored = check(report, "every acknowledged message is stored in its thread");
      assertThat(stored.passed()).as("%s", stored).isTrue();
      long acknowledged = report.phases().get(0).acknowledged();
      assertThat(stored.counts().get("stored")).isEqualTo(acknowledged).isPositive();
      Principal bot = server.server().accounts().authenticate(org.botToken());
      long inThreads = Stream.of(org.threadInA(), org.threadInB())
          .mapToLong(t -> server.server().conversations().thread(bot, t).messageCount()).sum();
      assertThat(inThreads).as("messages in the two threads, one each from the set-up")
          .isEqualTo(acknowledged + 2);
    }
  }

  /** One closed phase and one open phase at {@value OPEN_RATE}/s, over 20 threads. */
  private List<String> started(String database) {
    List<String> args = BenchRuns.started("send", database);
    args.addAll(List.of("--threads", "20", "--connections", "4", "--duration", "1s",
        "--warmup", "200ms", "--rates", Integer.toString(OPEN_RATE)));
    return args;
  }

  private static void assertStartedRun(RunReport report, String database) {
    assertThat(report.passed()).as("checks %s", report.checks()).isTrue();
    assertThat(report.target().kind()).isEqualTo("started");
    assertThat(report.target().database()).isEqualTo(database);
    assertThat(report.target().readyMillis()).isPositive();
    assertThat(report.target().maxRssBytes()).isPositive();

    assertThat(report.phases()).extracting(PhaseResult::name, PhaseResult::model)
        .containsExactly(tuple("send", "closed"), tuple("send", "open"),
            tuple(SendScenario.PAUSED_HOOK_PHASE, "closed"));
    assertThat(report.ceilings()).extracting(PhaseResult::name, PhaseResult::model)
        .containsExactly(tuple("http ceiling", "closed"), tuple("database ceiling", "closed"),
            tuple("http ceiling", "open"));
    for (PhaseResult phase : report.phases()) {
      assertThat(phase.acknowledged()).isPositive().isEqualTo(phase.sent());
      assertThat(phase.latency().count()).isEqualTo(phase.acknowledged());
      assertThat(phase.ratios().throughputToHttpCeiling()).isNotNull();
      assertThat(phase.ratios().throughputToDatabaseCeiling()).isNotNull();
    }
    PhaseResult open = report.phases().get(1);
    assertThat(open.sent() + open.unsent()).as("requests due at %d/s for 1 s", OPEN_RATE)
        .isEqualTo(OPEN_RATE);
    assertThat(open.serviceTime()).isNotNull();

    Check stored = check(report, "every acknowledged message is stored in its thread");
    long sentToServer = stored.counts().get("sent");
    // The 200 ms warm-up may send nothing on a loaded machine; its requests count when it does.
    assertThat(sentToServer).as("the measured phases' requests and the warm-up's")
        .isGreaterThanOrEqualTo(report.phases().stream().mapToLong(PhaseResult::sent).sum());
    assertThat(stored.counts()).containsEntry("acknowledged", sentToServer)
        .containsEntry("stored", sentToServer);
    assertThat(check(report, "every committed ceiling transaction left its rows").passed())
        .isTrue();
    assertThat(check(report, "the no-op server received every acknowledged request").passed())
        .isTrue();
  }

  private static Check check(RunReport report, String name) {
    return BenchRuns.check(report, name);
  }

  private RunReport run(List<String> args) throws IOException {
    return BenchRuns.run(args, results);
  }
}
