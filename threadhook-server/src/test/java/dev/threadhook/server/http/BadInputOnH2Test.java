package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class BadInputOnH2Test extends BadInputContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
