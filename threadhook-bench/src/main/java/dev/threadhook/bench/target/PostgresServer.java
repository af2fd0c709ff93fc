package dev.threadhook.bench.target;

/**
 * A PostgreSQL server the bench may create databases on.
 *
 * @param adminUrl a JDBC URL of a database that exists there ({@code …/postgres})
 */
public record PostgresServer(String adminUrl, String user, String password) {
  public static final PostgresServer LOCAL =
      new PostgresServer("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");

  /** The URL of database {@code name} on the same server. */
  public String urlOf(String name) {
    return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
  }
}
