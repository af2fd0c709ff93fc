package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class ConversationsOnH2Test extends ConversationsContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.H2;
  }
}
