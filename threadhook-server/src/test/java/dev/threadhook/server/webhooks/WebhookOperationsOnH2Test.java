package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class WebhookOperationsOnH2Test extends WebhookOperationsContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
