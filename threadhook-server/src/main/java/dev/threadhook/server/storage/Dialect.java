package dev.threadhook.server.storage;

/** The two databases Threadhook runs on; SQL differs between them in a few places only. */
public enum Dialect {
  H2,
  POSTGRESQL;

  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) return H2;
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
    throw new IllegalArgumentException(
        "database URL must start with jdbc:h2: or jdbc:postgresql: but was '" + jdbcUrl + "'");
  }
}
