package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class AccessMatrixOnH2Test extends AccessMatrixContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
