package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class AdminApiOnPostgresTest extends AdminApiContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
