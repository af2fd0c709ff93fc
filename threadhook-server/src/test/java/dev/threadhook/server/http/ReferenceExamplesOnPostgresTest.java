package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class ReferenceExamplesOnPostgresTest extends ReferenceExamplesContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
