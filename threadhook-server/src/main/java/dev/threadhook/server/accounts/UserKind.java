package dev.threadhook.server.accounts;

import java.util.Locale;

/** A human employee or a bot; both write as an employee in the webhook's terms. */
public enum UserKind {
  EMPLOYEE,
  BOT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static UserKind fromWireName(String value) {
    for (UserKind kind : values()) if (kind.wireName().equals(value)) return kind;
    throw new IllegalArgumentException("kind must be one of employee, bot but was '" + value + "'");
  }
}
