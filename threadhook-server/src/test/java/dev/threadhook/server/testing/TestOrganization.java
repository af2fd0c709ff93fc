package dev.threadhook.server.testing;

import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.accounts.AccountService;
import dev.threadhook.server.accounts.ChannelPrincipal;
import dev.threadhook.server.accounts.Role;
import dev.threadhook.server.accounts.Store;
import dev.threadhook.server.accounts.User;
import dev.threadhook.server.accounts.UserKind;
import dev.threadhook.server.conversations.IncomingCustomerMessage;
import java.util.List;

/**
 * An organization made through the services, as a test needs it: two stores, an admin, an agent
 * of store A only, a bot, a channel key per store, and one customer thread in each store.
 */
public record TestOrganization(
    long id,
    long storeA,
    long storeB,
    long adminUserId,
    long agentUserId,
    long botUserId,
    String adminToken,
    String agentToken,
    String botToken,
    String channelKeyA,
    String channelKeyB,
    long threadInA,
    long threadInB) {

  public static TestOrganization create(ThreadhookServer server, String name) {
    AccountService accounts = server.accounts();
    AccountService.Bootstrap bootstrap = accounts.createOrganization(name, name + " admin");
    long org = bootstrap.organization().id();
    Store a = accounts.createStore(org, name + " store A");
    Store b = accounts.createStore(org, name + " store B");
    User agent = accounts.createUser(org, name + " agent", UserKind.EMPLOYEE, Role.AGENT,
        List.of(a.id()));
    User bot = accounts.createUser(org, name + " bot", UserKind.BOT, Role.AGENT, List.of());
    String agentToken = accounts.createToken(org, agent.id(), "test").secret();
    String botToken = accounts.createToken(org, bot.id(), "test").secret();
    String keyA = accounts.createChannelKey(org, a.id(), "test").secret();
    String keyB = accounts.createChannelKey(org, b.id(), "test").secret();
    long threadA = customerSays(server, keyA, "customer-a", "Hello from A");
    long threadB = customerSays(server, keyB, "customer-b", "Hello from B");
    return new TestOrganization(org, a.id(), b.id(), bootstrap.admin().id(), agent.id(), bot.id(),
        bootstrap.token().secret(), agentToken, botToken, keyA, keyB, threadA, threadB);
  }

  /** A customer's message through a store's channel; returns its thread id. */
  public static long customerSays(
      ThreadhookServer server, String channelKey, String customerExternalId, String text) {
    ChannelPrincipal channel = server.accounts().authenticateChannel(channelKey);
    return server.conversations().receiveFromCustomer(channel, new IncomingCustomerMessage(
        customerExternalId, null, null, null, text, null, null)).threadId();
  }
}
