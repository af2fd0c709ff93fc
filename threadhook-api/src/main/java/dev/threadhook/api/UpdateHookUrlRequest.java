package dev.threadhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code POST /api/update-hook-url}; a null or empty url removes the hook. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UpdateHookUrlRequest(String url) {}
