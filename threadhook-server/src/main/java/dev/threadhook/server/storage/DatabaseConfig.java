package dev.threadhook.server.storage;

import java.nio.file.Path;

/** Where the data lives: a JDBC URL with its credentials and the pool's size. */
public record DatabaseConfig(String url, String user, String password, int poolSize) {

  /** The embedded H2 database in file mode under {@code dataDir}. */
  public static DatabaseConfig h2File(Path dataDir) {
    // AUTO_SERVER lets the CLI's admin commands open the file while a server has it open.
    // WRITE_DELAY=0 writes each commit to the file before the commit returns: with H2's default
    // (500 ms) a process killed with SIGKILL loses transactions it had acknowledged.
    // QUERY_CACHE_SIZE: H2 keeps each connection's parsed statements by their text, 8 by
    // default; the writer, the dispatcher and the reads use more than 8 between them on a pooled
    // connection, so at the default every statement was parsed again each time.
    String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("threadhook")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE"
        + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64";
    return new DatabaseConfig(url, "sa", "", 16);
  }

  public static DatabaseConfig postgres(String url, String user, String password) {
    return new DatabaseConfig(url, user, password, 16);
  }

  public Dialect dialect() {
    return Dialect.of(url);
  }

  public DatabaseConfig withPoolSize(int size) {
    return new DatabaseConfig(url, user, password, size);
  }
}
