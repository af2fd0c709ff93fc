package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class WebhookOrderOnH2Test extends WebhookOrderContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
