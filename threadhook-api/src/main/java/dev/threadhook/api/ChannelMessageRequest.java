package dev.threadhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /api/channel/messages}: how a customer's message enters a store, sent by
 * the store's channel (web chat, SMS gateway…) with the store's channel key as {@code token}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelMessageRequest(
    CustomerRef customer, String text, String externalId, NewAttachment attachment) {

  /** Identifies the customer by the channel's own id; the other fields fill a new customer. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CustomerRef(String externalId, String name, String phone, String email) {}

  /** An attachment sent inline, its bytes in base64. */
  public record NewAttachment(String name, String contentType, String base64) {}
}
