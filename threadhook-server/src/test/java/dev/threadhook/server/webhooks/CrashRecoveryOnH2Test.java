package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class CrashRecoveryOnH2Test extends CrashRecoveryContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
