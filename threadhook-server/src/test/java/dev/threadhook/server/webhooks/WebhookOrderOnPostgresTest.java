package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class WebhookOrderOnPostgresTest extends WebhookOrderContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
