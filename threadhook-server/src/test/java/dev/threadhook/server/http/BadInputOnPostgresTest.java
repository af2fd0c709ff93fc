package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class BadInputOnPostgresTest extends BadInputContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
