package dev.threadhook.server.http;

import dev.threadhook.api.ChannelMessageResponse;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.ChannelPrincipal;
import dev.threadhook.server.conversations.ConversationService;
import dev.threadhook.server.conversations.IncomingCustomerMessage;
import dev.threadhook.server.conversations.NewAttachment;
import dev.threadhook.server.conversations.StoredMessage;
import io.javalin.http.Context;
import java.util.Base64;

/** The customers' side: a store's channel posts what its customers write. */
final class ChannelHandlers {
  /** Room for the largest attachment in base64 (4/3 of 5 MiB is 6.67 MiB) and the rest. */
  static final long MAX_BODY_BYTES = 7 * 1024 * 1024;

  private final Authenticator auth;
  private final ConversationService conversations;
  private final LargeBodies largeBodies;

  ChannelHandlers(Authenticator auth, ConversationService conversations, LargeBodies largeBodies) {
    this.auth = auth;
    this.conversations = conversations;
    this.largeBodies = largeBodies;
  }

  /**
   * {@code {"customer": {"externalId", "name", "phone", "email"}, "text", "externalId",
   * "attachment": {"name", "contentType", "base64"}}}.
   */
  void postCustomerMessage(Context ctx) {
    ChannelPrincipal channel = auth.channel(ctx);
    largeBodies.handle(ctx.req().getContentLengthLong(), () -> receive(ctx, channel));
  }

  private void receive(Context ctx, ChannelPrincipal channel) {
    RequestBody body = RequestBody.read(ctx, MAX_BODY_BYTES);
    RequestBody customer = body.optionalObject("customer");
    if (customer == null) throw DomainException.invalid("customer is required");
    String customerExternalId = customer.string("externalId");
    if (customerExternalId.isBlank() || customerExternalId.length() > 200) {
      throw DomainException.invalid("customer.externalId must be 1 to 200 characters");
    }
    String name = bounded(customer.optionalString("name"), "customer.name", 200);
    String phone = bounded(customer.optionalString("phone"), "customer.phone", 64);
    String email = bounded(customer.optionalString("email"), "customer.email", 320);
    String externalId = bounded(body.optionalString("externalId"), "externalId", 255);
    NewAttachment attachment = attachment(body.optionalObject("attachment"));
    StoredMessage message = conversations.receiveFromCustomer(channel, new IncomingCustomerMessage(
        customerExternalId, name, phone, email, body.optionalString("text"), externalId,
        attachment));
    ctx.json(new ChannelMessageResponse(
        Long.toString(message.customerId()), message.threadId(), message.id()));
  }

  private static NewAttachment attachment(RequestBody json) {
    if (json == null) return null;
    String name = bounded(json.string("name"), "attachment.name", 255);
    String contentType = bounded(json.string("contentType"), "attachment.contentType", 255);
    if (name.isBlank()) throw DomainException.invalid("attachment.name must not be empty");
    if (!contentType.matches("[\\w.+-]+/[\\w.+-]+(\\s*;.*)?")) {
      throw DomainException.invalid(
          "attachment.contentType must be a media type like image/png but was '" + contentType + "'");
    }
    byte[] content;
    try {
      // Line breaks are tolerated (base64 tools wrap at 76); anything else not base64 is refused.
      String base64 = json.string("base64");
      // Not copied unless it has to be: it is up to 7 MiB.
      if (base64.indexOf('\n') >= 0 || base64.indexOf('\r') >= 0) {
        base64 = base64.replaceAll("[\\r\\n]", "");
      }
      content = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("attachment.base64 is not valid base64: " + e.getMessage());
    }
    return new NewAttachment(name, contentType, content);
  }

  private static String bounded(String value, String field, int maxLength) {
    if (value != null && value.length() > maxLength) {
      throw DomainException.invalid(field + " must be at most " + maxLength + " characters");
    }
    if (value != null && value.indexOf('\u0000') >= 0) {
      throw DomainException.invalid(field + " must not contain NUL (\\u0000) characters");
    }
    return value;
  }
}
