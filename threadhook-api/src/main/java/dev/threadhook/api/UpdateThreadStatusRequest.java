package dev.threadhook.api;

import com.fasterxml.jackson.annotation.JsonFormat;

/** Body of {@code POST /api/update-thread-status}. */
public record UpdateThreadStatusRequest(
    ThreadStatus status, @JsonFormat(shape = JsonFormat.Shape.STRING) long customerThreadId) {}
