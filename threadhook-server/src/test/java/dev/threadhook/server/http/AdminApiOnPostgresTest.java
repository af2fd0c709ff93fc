package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class AdminApiOnPostgresTest extends AdminApiContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
