package dev.threadhook.api;

import java.util.List;

/** {@code GET /api/me}: who a token belongs to. */
public record Me(User user, Organization organization) {

  /** A user: an employee or a bot, with role admin or agent. */
  public record User(long id, String name, String kind, String role, List<Long> storeIds) {}

  /** An organization; its id is the webhook's {@code businessId}. */
  public record Organization(long id, String name, List<Store> stores) {}

  /** A store of an organization. */
  public record Store(long id, String name) {}
}
