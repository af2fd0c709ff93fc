package dev.threadhook.server.accounts;

import java.util.Set;

/**
 * Who a request acts as: the user behind an API token. Admins and bots see every store of their
 * organization; agents only the stores they are members of.
 */
public record Principal(
    long tokenId,
    long userId,
    String userName,
    UserKind kind,
    Role role,
    long organizationId,
    Set<Long> memberStoreIds) {

  public boolean seesAllStores() {
    return role == Role.ADMIN || kind == UserKind.BOT;
  }

  public boolean canSee(long organizationId, long storeId) {
    return this.organizationId == organizationId
        && (seesAllStores() || memberStoreIds.contains(storeId));
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
