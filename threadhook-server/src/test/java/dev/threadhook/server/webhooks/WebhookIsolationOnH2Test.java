package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class WebhookIsolationOnH2Test extends WebhookIsolationContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
