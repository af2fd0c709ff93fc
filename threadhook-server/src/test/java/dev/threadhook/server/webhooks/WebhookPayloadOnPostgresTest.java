package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class WebhookPayloadOnPostgresTest extends WebhookPayloadContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
