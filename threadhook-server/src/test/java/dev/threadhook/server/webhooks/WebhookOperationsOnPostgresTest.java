package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class WebhookOperationsOnPostgresTest extends WebhookOperationsContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
