package dev.threadhook.server.testing;

/** The databases every storage-touching test runs on. */
public enum DatabaseKind {
  H2,
  POSTGRESQL
}
