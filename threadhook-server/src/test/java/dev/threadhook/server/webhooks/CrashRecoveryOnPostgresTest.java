package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class CrashRecoveryOnPostgresTest extends CrashRecoveryContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
