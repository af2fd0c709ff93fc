package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class OutboxOnPostgresTest extends OutboxContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
