package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class RestartOnPostgresTest extends RestartContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
