package dev.threadhook.api;

import java.util.List;

/**
 * One page of a listing. Pass {@code nextCursor} back as {@code cursor} (or {@code after} for
 * messages) to read the next page; it is null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {}
