package dev.threadhook.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /api/send-message-to-customer-thread}. The thread id is written as a JSON
 * string, exactly like the reference's example; servers accept a number too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendMessageRequest(
    String text,
    @JsonFormat(shape = JsonFormat.Shape.STRING) long customerThreadId,
    Boolean internal) {}
