package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class OutboxOnH2Test extends OutboxContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
