package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class WebhookFaultsOnH2Test extends WebhookFaultsContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
