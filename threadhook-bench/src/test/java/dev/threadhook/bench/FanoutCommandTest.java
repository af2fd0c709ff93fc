package dev.threadhook.bench;

import static dev.threadhook.bench.BenchRuns.check;
import static dev.threadhook.bench.BenchRuns.run;
import static dev.threadhook.bench.BenchRuns.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.Figure;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.report.RunReport;
import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short runs of {@code fanout}: organizations made with the admin command line beside the
 * running server (one the run started, or one named by its URL and database), each healthy one getting every message once and in order in both phases, the
 * hanging one in the baseline. Nothing here looks at how fast anything was.
 */
class FanoutCommandTest {
  private static final int RATE = 40;

  @TempDir Path results;

  @Test
  void fanoutOnAStartedH2ServerDeliversToEveryHealthyOrganization() throws IOException {
    assertFannedOut(run(tiny(started("fanout", "h2")), results), "h2");
  }

  @Test
  void fanoutOnAStartedPostgresServerDeliversToEveryHealthyOrganization() throws IOException {
    assertFannedOut(run(tiny(started("fanout", "postgres")), results), "postgresql");
  }

  @Test
  void fanoutOnARunningServerMakesItsOrganizationsInTheNamedDatabaseAndPausesTheirHooks()
      throws IOException {
    try (TestServer server = TestServer.start(DatabaseKind.H2,
        config -> config.withAllowPrivateWebhooks(true))) {
      RunReport report = run(tiny(new ArrayList<>(List.of("fanout", "--url", server.baseUrl(),
          "--server-jar", BenchRuns.SERVER_JAR,
          "--server-data-dir", server.config().dataDir().toString()))), results);

      assertThat(report.target().kind()).isEqualTo("existing");
      assertThat(report.passed()).as("checks %s", report.checks()).isTrue();
      assertThat(report.checks().stream().filter(c -> c.name().startsWith("organization ")))
          .hasSize(3).allMatch(Check::passed);
      List<Map<String, Object>> organizations = server.server().database().jdbi().withHandle(
          h -> h.createQuery("SELECT name, webhook_disabled_reason FROM organizations"
              + " WHERE name LIKE 'bench fanout %' ORDER BY name").mapToMap().list());
      assertThat(organizations).extracting(o -> o.get("name"))
          .containsExactly("bench fanout 1", "bench fanout 2", "bench fanout 3");
      assertThat(organizations).as("no server left retrying into receivers that are gone")
          .allSatisfy(o -> assertThat((String) o.get("webhook_disabled_reason"))
              .startsWith("paused through the API"));
    }
  }

  @Test
  void fanoutOnARunningServerNeedsItsDatabase() {
    StringWriter err = new StringWriter();
    int exit = BenchCommand.commandLine().setErr(new PrintWriter(err)).execute("fanout",
        "--url", "http://127.0.0.1:9", "--progress", "none", "--results-dir", results.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("name it with --server-data-dir or --server-db-url");
  }

  /** Three organizations, {@value RATE} messages a second for a second in each phase. */
  private static List<String> tiny(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--organizations", "3", "--rate", Integer.toString(RATE),
        "--duration", "1s", "--warmup", "200ms", "--threads", "9", "--connections", "4",
        "--settle-timeout", "20s", "--webhook-request-timeout", "2s"));
    return all;
  }

  private static void assertFannedOut(RunReport report, String database) {
    assertThat(report.passed()).as("checks %s", report.checks()).isTrue();
    assertThat(report.target().database()).isEqualTo(database);
    assertThat(report.target().serveArguments())
        .containsExactly("--webhook-request-timeout", "2000ms");
    assertThat(report.settings().scenario()).containsEntry("organizations", "3");

    assertThat(report.phases()).extracting(PhaseResult::name).containsExactly(
        "baseline requests", "baseline ack→webhook", "1 hanging requests",
        "1 hanging ack→webhook");
    for (int requests : new int[] {0, 2}) {
      PhaseResult sent = report.phases().get(requests);
      PhaseResult delivered = report.phases().get(requests + 1);
      assertThat(sent.sent() + sent.unsent()).isEqualTo(RATE);
      assertThat(sent.acknowledged()).isEqualTo(sent.sent());
      assertThat(delivered.sent()).as("the healthy organizations' messages: two of every three")
          .isPositive().isLessThan(sent.acknowledged());
      assertThat(delivered.acknowledged()).isEqualTo(delivered.sent());
    }
    assertThat(report.figures()).extracting(Figure::name)
        .contains("healthy p99, hanging / baseline", "attempts left hanging");

    List<Check> organizations = report.checks().stream()
        .filter(c -> c.name().startsWith("organization ")).toList();
    assertThat(organizations).hasSize(3).allMatch(Check::passed);
    assertThat(organizations.get(0).name()).contains("before it hung");
    long sent = check(report, "every request was acknowledged").counts().get("sent");
    long checked = organizations.stream().mapToLong(c -> c.counts().get("delivered")).sum();
    double hangingOnes = report.figures().stream()
        .filter(f -> f.name().equals("hanging organization's messages meanwhile")).findFirst()
        .orElseThrow().value();
    assertThat(hangingOnes).isPositive();
    assertThat(checked).as("all messages but the hanging organization's in the second phase")
        .isEqualTo(sent - (long) hangingOnes);
  }
}
