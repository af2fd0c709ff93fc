package dev.threadhook.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.Json;
import dev.threadhook.server.accounts.AccountService;
import dev.threadhook.server.accounts.AccountStore;
import dev.threadhook.server.accounts.IssuedSecret;
import dev.threadhook.server.accounts.Role;
import dev.threadhook.server.accounts.Secrets;
import dev.threadhook.server.accounts.UserKind;
import dev.threadhook.server.Clock;
import dev.threadhook.server.storage.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code threadhook admin …}: works on the database directly, so a fresh install gets its first
 * organization and admin token here. Each command prints JSON.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = "Creates organizations, stores, users, tokens and channel keys.",
    subcommands = {
      AdminCommand.CreateOrganization.class, AdminCommand.ListOrganizations.class,
      AdminCommand.CreateStore.class, AdminCommand.CreateUser.class,
      AdminCommand.CreateToken.class, AdminCommand.RevokeToken.class,
      AdminCommand.CreateChannelKey.class
    })
final class AdminCommand {
  @Spec CommandSpec spec;

  /** Opens the database, runs {@code action} and prints its result as JSON. */
  int run(DatabaseOptions database, java.util.function.Function<AccountService, Object> action)
      throws Exception {
    try (Database db = Database.open(database.toConfig())) {
      AccountService accounts =
          new AccountService(new AccountStore(db.jdbi(), Clock.SYSTEM), new Secrets());
      Object result = action.apply(accounts);
      ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
      spec.commandLine().getOut().println(json.writeValueAsString(result));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (DomainException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("threadhook admin: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 2;
    }
  }

  @Command(name = "create-organization", description = "A new organization with its first admin and the admin's token.")
  static final class CreateOrganization implements Callable<Integer> {
    @ParentCommand AdminCommand admin;
    @Mixin DatabaseOptions database;
    @Option(names = "--name", required = true) String name;
    @Option(names = "--admin-name", defaultValue = "Admin") String adminName;

    @Override
    public Integer call() throws Exception {
      return admin.run(database, accounts -> {
        AccountService.Bootstrap b = accounts.createOrganization(name, adminName);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("businessId", b.organization().id());
        out.put("name", b.organization().name());
        out.put("adminUserId", b.admin().id());
        out.put("adminToken", b.token().secret());
        return out;
      });
    }
  }

  @Command(name = "list-organizations", description = "Every organization.")
  static final class ListOrganizations implements Callable<Integer> {
    @ParentCommand AdminCommand admin;
    @Mixin DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
      return admin.run(database, AccountService::organizations);
    }
  }

  @Command(name = "create-store", description = "A new store of an organization.")
  static final class CreateStore implements Callable<Integer> {
    @ParentCommand AdminCommand admin;
    @Mixin DatabaseOptions database;
    @Option(names = "--organization", required = true, paramLabel = "ID") long organization;
    @Option(names = "--name", required = true) String name;

    @Override
    public Integer call() throws Exception {
      return admin.run(database, accounts -> accounts.createStore(organization, name));
    }
  }

  @Command(name = "create-user", description = "A new employee or bot.")
  static final class CreateUser implements Callable<Integer> {
    @ParentCommand AdminCommand admin;
    @Mixin DatabaseOptions database;
    @Option(names = "--organization", required = true, paramLabel = "ID") long organization;
    @Option(names = "--name", required = true) String name;
    @Option(names = "--kind", defaultValue = "employee", description = "employee or bot") String kind;
    @Option(names = "--role", defaultValue = "agent", description = "admin or agent") String role;
    @Option(names = "--store", paramLabel = "ID", description = "A store the user works in (repeatable).")
    List<Long> stores = List.of();

    @Override
    public Integer call() throws Exception {
      return admin.run(database, accounts -> accounts.createUser(organization, name,
          UserKind.fromWireName(kind), Role.fromWireName(role), stores));
    }
  }

  @Command(name = "create-token", description = "A new API token for a user, printed this once.")
  static final class CreateToken implements Callable<Integer> {
    @ParentCommand AdminCommand admin;
    @Mixin DatabaseOptions database;
    @Option(names = "--organization", required = true, paramLabel = "ID") long organization;
    @Option(names = "--user", required = true, paramLabel = "ID") long user;
    @Option(names = "--label") String label;

    @Override
    public Integer call() throws Exception {
      return admin.run(database, accounts -> secret(accounts.createToken(organization, user, label), "token"));
    }
  }

  @Command(name = "revoke-token", description = "Revokes an API token by its id.")
  static final class RevokeToken implements Callable<Integer> {
    @ParentCommand AdminCommand admin;
    @Mixin DatabaseOptions database;
    @Option(names = "--organization", required = true, paramLabel = "ID") long organization;
    @Option(names = "--token-id", required = true, paramLabel = "ID") long tokenId;

    @Override
    public Integer call() throws Exception {
      return admin.run(database, accounts -> {
        accounts.revokeToken(organization, tokenId);
        return Map.of("revoked", tokenId);
      });
    }
  }

  @Command(name = "create-channel-key", description = "A new channel key for a store, printed this once.")
  static final class CreateChannelKey implements Callable<Integer> {
    @ParentCommand AdminCommand admin;
    @Mixin DatabaseOptions database;
    @Option(names = "--organization", required = true, paramLabel = "ID") long organization;
    @Option(names = "--store", required = true, paramLabel = "ID") long store;
    @Option(names = "--label") String label;

    @Override
    public Integer call() throws Exception {
      return admin.run(database, accounts ->
          secret(accounts.createChannelKey(organization, store, label), "channelKey"));
    }
  }

  private static Map<String, Object> secret(IssuedSecret issued, String name) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", issued.id());
    out.put(name, issued.secret());
    out.put("label", issued.label());
    return out;
  }
}
