package dev.threadhook.server.accounts;

import java.util.Locale;

/** What a user may do: admins manage the organization; agents work in their stores. */
public enum Role {
  ADMIN,
  AGENT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromWireName(String value) {
    for (Role role : values()) if (role.wireName().equals(value)) return role;
    throw new IllegalArgumentException("role must be one of admin, agent but was '" + value + "'");
  }
}
