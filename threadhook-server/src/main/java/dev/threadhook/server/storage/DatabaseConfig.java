package dev.threadhook.server.storage;

import java.nio.file.Path;

/** Where the data lives: a JDBC URL with its credentials and the pool's size. */
public record DatabaseConfig(String url, String user, String password, int poolSize) {

  /** The embedded H2 database in file mode under {@code dataDir}. */
  public static DatabaseConfig h2File(Path dataDir) {
    // AUTO_SERVER lets the CLI's admin commands open the file while a server has it open.
    // WRITE_DELAY=0 writes each commit to the file as it happens: by default H2 writes them
    // every 500 ms, so a killed process would lose messages it had already acknowledged.
    String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("threadhook")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE"
        + ";WRITE_DELAY=0";
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
