package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class AccessMatrixOnPostgresTest extends AccessMatrixContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
