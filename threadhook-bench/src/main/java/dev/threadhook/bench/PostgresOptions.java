package dev.threadhook.bench;

import dev.threadhook.server.storage.PostgresServer;
import java.util.List;
import picocli.CommandLine.Option;

/** The PostgreSQL server on which runs with --db postgres make their fresh databases. */
final class PostgresOptions {
  @Option(names = "--postgres-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres",
      paramLabel = "JDBC_URL", description = "A PostgreSQL server's database to create fresh"
          + " databases from, for --db postgres (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--postgres-user", defaultValue = "postgres", paramLabel = "USER",
      description = "(default: ${DEFAULT-VALUE})")
  String user;

  @Option(names = "--postgres-password", defaultValue = "", paramLabel = "PASSWORD")
  String password;

  PostgresServer server() {
    return new PostgresServer(url, user, password);
  }

  /** These options as a command line gives them, for a run started from another command. */
  List<String> arguments() {
    return List.of("--postgres-url", url, "--postgres-user", user,
        "--postgres-password", password);
  }
}
