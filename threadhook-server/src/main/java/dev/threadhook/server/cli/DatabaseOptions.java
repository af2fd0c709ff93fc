package dev.threadhook.server.cli;

import dev.threadhook.server.storage.DatabaseConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data is: the embedded database under --data-dir, or PostgreSQL with --db-url. */
final class DatabaseOptions {
  @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
      description = "Directory of the embedded database and demo.json (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--db-url", paramLabel = "JDBC_URL",
      description = "A jdbc:postgresql://… URL selects PostgreSQL instead of the embedded H2.")
  String dbUrl;

  @Option(names = "--db-user", defaultValue = "postgres", paramLabel = "USER",
      description = "Database user, with --db-url (default: ${DEFAULT-VALUE}).")
  String dbUser;

  @Option(names = "--db-password", defaultValue = "", paramLabel = "PASSWORD",
      description = "Database password, with --db-url.")
  String dbPassword;

  DatabaseConfig toConfig() {
    if (dbUrl == null || dbUrl.isBlank()) return DatabaseConfig.h2File(dataDir);
    if (dbUrl.startsWith("jdbc:h2:")) return new DatabaseConfig(dbUrl, "sa", "", 16);
    return DatabaseConfig.postgres(dbUrl, dbUser, dbPassword);
  }
}
