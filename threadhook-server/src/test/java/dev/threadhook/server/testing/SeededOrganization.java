package dev.threadhook.server.testing;

import dev.threadhook.server.Clock;
import dev.threadhook.server.accounts.AccountService;
import dev.threadhook.server.accounts.AccountStore;
import dev.threadhook.server.accounts.Role;
import dev.threadhook.server.accounts.Secrets;
import dev.threadhook.server.accounts.Store;
import dev.threadhook.server.accounts.User;
import dev.threadhook.server.accounts.UserKind;
import dev.threadhook.server.storage.Database;
import dev.threadhook.server.storage.DatabaseConfig;
import java.util.List;

/**
 * An organization written straight into a database no server has open yet, as {@code threadhook
 * admin} does: one store with its channel key and a bot with its token.
 */
public record SeededOrganization(long id, String botToken, String channelKey) {

  public static SeededOrganization create(DatabaseConfig database) {
    try (Database db = Database.open(database)) {
      AccountService accounts =
          new AccountService(new AccountStore(db.jdbi(), Clock.SYSTEM), new Secrets());
      long org = accounts.createOrganization("seeded", "Admin").organization().id();
      Store store = accounts.createStore(org, "seeded store");
      User bot = accounts.createUser(org, "seeded bot", UserKind.BOT, Role.AGENT, List.of());
      return new SeededOrganization(org, accounts.createToken(org, bot.id(), "test").secret(),
          accounts.createChannelKey(org, store.id(), "test").secret());
    }
  }
}
