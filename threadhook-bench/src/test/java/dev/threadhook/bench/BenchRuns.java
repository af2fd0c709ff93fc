package dev.threadhook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.ReportWriter;
import dev.threadhook.bench.report.RunReport;
import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs bench commands as the CLI would, for the commands' tests. */
final class BenchRuns {
  static final String SERVER_JAR = System.getProperty("threadhook.server.jar");

  private BenchRuns() {}

  /** {@code <scenario> --db <database> --server-jar <jar>}, with PostgreSQL's fixture when asked. */
  static List<String> started(String scenario, String database) {
    assertThat(SERVER_JAR).as("the server's shaded jar, built by threadhook-server's package"
        + " phase").isNotNull();
    assertThat(Path.of(SERVER_JAR)).isRegularFile();
    List<String> args = new ArrayList<>(
        List.of(scenario, "--db", database, "--server-jar", SERVER_JAR));
    if (database.equals("postgres")) {
      DatabaseConfig anyDatabase = TestPostgres.get().newDatabase();
      args.addAll(List.of("--postgres-url", anyDatabase.url(), "--postgres-user",
          anyDatabase.user(), "--postgres-password", anyDatabase.password()));
    }
    return args;
  }

  /**
   * Runs the command; returns the one JSON file it wrote to {@code results}, read back, and
   * asserts it exited with {@code expectedExit}.
   */
  static RunReport run(List<String> args, Path results, int expectedExit) throws IOException {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--progress", "none", "--results-dir", results.toString()));
    int exit = BenchCommand.commandLine().execute(all.toArray(String[]::new));
    List<Path> files;
    try (Stream<Path> list = Files.list(results)) {
      files = list.toList();
    }
    assertThat(files).as("result files").hasSize(1);
    assertThat(files.get(0).getFileName().toString())
        .matches(args.get(0) + "-\\d{8}-\\d{6}\\.json");
    RunReport report = new ReportWriter().read(files.get(0));
    assertThat(exit).as("exit status, with checks %s", report.checks()).isEqualTo(expectedExit);
    return report;
  }

  static RunReport run(List<String> args, Path results) throws IOException {
    return run(args, results, 0);
  }

  static Check check(RunReport report, String name) {
    return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + report.checks()));
  }
}
