package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class CrashOnPostgresTest extends CrashContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
