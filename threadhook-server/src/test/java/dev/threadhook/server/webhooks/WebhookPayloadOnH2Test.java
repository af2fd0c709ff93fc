package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class WebhookPayloadOnH2Test extends WebhookPayloadContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
