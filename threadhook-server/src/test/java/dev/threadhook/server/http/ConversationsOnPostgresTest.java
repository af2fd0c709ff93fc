package dev.threadhook.server.http;

import dev.threadhook.server.testing.DatabaseKind;

class ConversationsOnPostgresTest extends ConversationsContract {
  @Override
  DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }
}
