package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class ReferenceExamplesOnH2Test extends ReferenceExamplesContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
