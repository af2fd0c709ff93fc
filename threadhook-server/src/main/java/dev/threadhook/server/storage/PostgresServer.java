package dev.threadhook.server.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL server on which databases may be made and dropped: the build's training run, the
 * load tool and the tests each make fresh ones, so that nothing they write meets another's rows.
 *
 * @param adminUrl a JDBC URL of a database that exists there ({@code …/postgres})
 */
public record PostgresServer(String adminUrl, String user, String password) {
  public static final PostgresServer LOCAL =
      new PostgresServer("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");

  /** Makes an empty database named {@code prefix} and 12 random letters and digits: its name. */
  public String createDatabase(String prefix) throws SQLException {
    String name = prefix
        + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    execute(List.of("CREATE DATABASE " + name));
    return name;
  }

  /** Drops these databases, closing what still uses them (PostgreSQL 13 and later). */
  public void dropDatabases(Collection<String> names) throws SQLException {
    execute(names.stream().map(name -> "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
        .toList());
  }

  /** The URL of database {@code name} on the same server. */
  public String urlOf(String name) {
    return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
  }

  /** Database {@code name} on this server, with a server's default pool. */
  public DatabaseConfig configOf(String name) {
    return DatabaseConfig.postgres(urlOf(name), user, password);
  }

  private void execute(List<String> statements) throws SQLException {
    if (statements.isEmpty()) return;
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        Statement s = c.createStatement()) {
      for (String sql : statements) s.execute(sql);
    }
  }
}
