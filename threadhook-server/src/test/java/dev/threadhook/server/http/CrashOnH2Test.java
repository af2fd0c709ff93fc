package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class CrashOnH2Test extends CrashContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
