package dev.threadhook.server.conversations;

import dev.threadhook.api.ThreadStatus;

/** How a new message moves a thread's status. */
final class StatusRules {
  private StatusRules() {}

  /**
   * A customer's message makes the thread waiting (reopening a resolved one); a public employee
   * or bot message makes it replied; an invisible note leaves it as it is.
   */
  static ThreadStatus afterMessage(ThreadStatus current, boolean fromCustomer, boolean invisible) {
    if (invisible) return current;
    return fromCustomer ? ThreadStatus.WAITING : ThreadStatus.REPLIED;
  }
}
