package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class RestartOnH2Test extends RestartContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
