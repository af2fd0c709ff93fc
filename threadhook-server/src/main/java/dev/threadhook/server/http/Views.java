package dev.threadhook.server.http;

import dev.threadhook.api.Attachment;
import dev.threadhook.api.Customer;
import dev.threadhook.api.CustomerThread;
import dev.threadhook.api.Message;
import dev.threadhook.server.conversations.StoredAttachment;
import dev.threadhook.server.conversations.StoredCustomer;
import dev.threadhook.server.conversations.StoredMessage;
import dev.threadhook.server.conversations.StoredThread;

/** Domain values as the wire contract spells them. */
final class Views {
  private Views() {}

  static Message message(StoredMessage m) {
    return new Message(m.id(), m.threadId(), m.sequence(), m.createdAt(), m.body(), m.invisible(),
        m.fromCustomer(), Long.toString(m.customerId()), m.userId(), m.externalId(),
        attachment(m.attachment()));
  }

  static Attachment attachment(StoredAttachment a) {
    return a == null ? null : new Attachment(a.uuid(), a.name(), a.contentType(), a.contentLength());
  }

  static CustomerThread thread(StoredThread t) {
    return new CustomerThread(t.id(), t.organizationId(), t.storeId(), customer(t.customer()),
        t.status(), t.createdAt(), t.updatedAt(), t.messageCount());
  }

  static Customer customer(StoredCustomer c) {
    return new Customer(Long.toString(c.id()), c.externalId(), c.name(), c.phone(), c.email(),
        c.customerType());
  }
}
