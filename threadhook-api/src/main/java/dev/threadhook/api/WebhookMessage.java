package dev.threadhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body POSTed to an organization's hook URL for every message of a customer thread: exactly
 * the 15 fields of the reference, in its order and JSON types, nulls included. Nothing may be
 * added here — bots that deserialize strictly must keep working; extra information travels in
 * headers.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "customerId", "customerThreadId", "messageTimestamp", "employeeUserId", "messageId",
  "messageBody", "businessId", "messageAttachmentName", "messageAttachmentContentType",
  "messageAttachmentUUID", "messageAttachmentContentLength", "fromCustomer",
  "messageExternalId", "invisible", "customerType"
})
public record WebhookMessage(
    String customerId,
    long customerThreadId,
    long messageTimestamp,
    Long employeeUserId,
    long messageId,
    String messageBody,
    long businessId,
    String messageAttachmentName,
    String messageAttachmentContentType,
    @JsonProperty("messageAttachmentUUID") String messageAttachmentUUID,
    Long messageAttachmentContentLength,
    boolean fromCustomer,
    String messageExternalId,
    boolean invisible,
    String customerType) {

  /** The only value the reference allows for {@link #customerType()}. */
  public static final String PROSPECT = "prospect";
}
