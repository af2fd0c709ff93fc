package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class ConversationsOnPostgresTest extends ConversationsContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
