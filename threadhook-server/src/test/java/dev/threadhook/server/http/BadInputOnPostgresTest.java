package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class BadInputOnPostgresTest extends BadInputContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
