package dev.threadhook.server.conversations;

import dev.threadhook.api.ThreadStatus;

/** How a new message moves a thread's status. */
final class StatusRules {
  private StatusRules() {}

  /**
   * The status a new message gives its thread, or null when it leaves the thread's as it is: a
   * customer's message makes the thread waiting (reopening a resolved one); a public employee or
   * bot message makes it replied; an invisible note leaves it as it is.
   */
  static ThreadStatus setBy(boolean fromCustomer, boolean invisible) {
    if (invisible) return null;
    return fromCustomer ? ThreadStatus.WAITING : ThreadStatus.REPLIED;
  }
}
