package dev.threadhook.bench.target;

import java.util.Locale;

/** The database a started server (and the database ceiling) runs on. */
public enum DatabaseChoice {
  /** The embedded H2, in a file under a fresh data directory: the server's default. */
  H2,
  /** A fresh database on a PostgreSQL server. */
  POSTGRES;

  public String wireName() {
    return this == H2 ? "h2" : "postgresql";
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
