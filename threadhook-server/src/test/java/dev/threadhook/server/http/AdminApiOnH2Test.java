package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class AdminApiOnH2Test extends AdminApiContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
