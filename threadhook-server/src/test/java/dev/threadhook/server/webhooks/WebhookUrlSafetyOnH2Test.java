package dev.threadhook.server.webhooks;

import dev.threadhook.server.testing.DatabaseKind;

class WebhookUrlSafetyOnH2Test extends WebhookUrlSafetyContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
