package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class ConversationsOnH2Test extends ConversationsContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
