package dev.threadhook.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.threadhook.api.ThreadStatus;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.Json;
import dev.threadhook.server.accounts.AccountService;
import dev.threadhook.server.accounts.ChannelPrincipal;
import dev.threadhook.server.accounts.IssuedSecret;
import dev.threadhook.server.accounts.Organization;
import dev.threadhook.server.accounts.Principal;
import dev.threadhook.server.accounts.Role;
import dev.threadhook.server.accounts.Store;
import dev.threadhook.server.accounts.User;
import dev.threadhook.server.accounts.UserKind;
import dev.threadhook.server.conversations.ConversationService;
import dev.threadhook.server.conversations.IncomingCustomerMessage;
import dev.threadhook.server.conversations.StoredMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo organization a new user tries the API on: two stores, an admin, an agent limited to
 * one store, a bot, and three customer threads (one in the store the agent cannot see). It is
 * written once per data directory and reused, tokens included, on the next {@code --demo}.
 */
public final class DemoSeed {
  static final String FILE_NAME = "demo.json";

  /** What {@code demo.json} holds: everything needed to call the API on the demo data. */
  public record DemoInfo(
      long businessId,
      List<Long> storeIds,
      String botToken,
      String adminToken,
      String agentToken,
      String channelKey,
      List<Long> customerThreadIds,
      long botUserId,
      Map<Long, String> channelKeys) {}

  private final AccountService accounts;
  private final ConversationService conversations;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public DemoSeed(AccountService accounts, ConversationService conversations) {
    this.accounts = accounts;
    this.conversations = conversations;
  }

  /**
   * The demo data of this data directory, seeded when missing.
   *
   * @param botToken the bot's token to use instead of a random one, or null
   */
  public DemoInfo ensure(Path dataDir, String botToken) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    DemoInfo info = existing(file);
    if (info == null) {
      info = seed();
    }
    if (botToken != null && !botToken.equals(info.botToken())) {
      if (!accounts.tokenExists(botToken)) {
        accounts.createToken(info.businessId(), info.botUserId(), "demo bot (chosen)", botToken);
      }
      info = new DemoInfo(info.businessId(), info.storeIds(), botToken, info.adminToken(),
          info.agentToken(), info.channelKey(), info.customerThreadIds(), info.botUserId(),
          info.channelKeys());
    }
    Files.writeString(file, json.writeValueAsString(info));
    return info;
  }

  /** The demo of this data directory, if it was seeded. */
  static DemoInfo read(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    return Files.isRegularFile(file) ? Json.newMapper().readValue(file.toFile(), DemoInfo.class)
        : null;
  }

  /** The demo of an earlier run, when its file is there and its organization still is. */
  private DemoInfo existing(Path file) {
    if (!Files.isRegularFile(file)) return null;
    try {
      DemoInfo info = json.readValue(file.toFile(), DemoInfo.class);
      accounts.organization(info.businessId());
      return accounts.tokenExists(info.botToken()) ? info : null;
    } catch (IOException | DomainException e) {
      // Another database than the one the file was written for: seed this one.
      return null;
    }
  }

  private DemoInfo seed() {
    AccountService.Bootstrap bootstrap =
        accounts.createOrganization("Demo Coffee Co.", "Ada Admin");
    Organization organization = bootstrap.organization();
    long org = organization.id();
    Store downtown = accounts.createStore(org, "Downtown");
    Store airport = accounts.createStore(org, "Airport");
    User agent = accounts.createUser(org, "Sam Agent", UserKind.EMPLOYEE, Role.AGENT,
        List.of(downtown.id()));
    User bot = accounts.createUser(org, "Demo Bot", UserKind.BOT, Role.AGENT, List.of());
    IssuedSecret agentToken = accounts.createToken(org, agent.id(), "demo agent");
    IssuedSecret botToken = accounts.createToken(org, bot.id(), "demo bot");
    IssuedSecret downtownKey = accounts.createChannelKey(org, downtown.id(), "demo web chat");
    IssuedSecret airportKey = accounts.createChannelKey(org, airport.id(), "demo web chat");

    ChannelPrincipal downtownChannel = accounts.authenticateChannel(downtownKey.secret());
    ChannelPrincipal airportChannel = accounts.authenticateChannel(airportKey.secret());
    Principal admin = accounts.authenticate(bootstrap.token().secret());
    Principal sam = accounts.authenticate(agentToken.secret());

    long opening = customerSays(downtownChannel, "web-1001", "Maria Lopez",
        "Hi! Are you open on Sunday?");
    conversations.send(sam, opening, "Yes, from 8am to 4pm. See you there!", false, null);
    customerSays(downtownChannel, "web-1001", "Maria Lopez", "Great, thanks!");

    long cake = customerSays(downtownChannel, "web-1002", "Jon Park",
        "Can I order a birthday cake for Friday?");
    conversations.send(admin, cake, "Check with the bakery before promising Friday.", true, null);

    long umbrella = customerSays(airportChannel, "web-2001", "Lee Chen",
        "Did anyone find a blue umbrella at gate 12?");
    conversations.send(admin, umbrella, "Yes! It is waiting for you at the counter.", false, null);
    conversations.updateStatus(admin, umbrella, ThreadStatus.RESOLVED);

    return new DemoInfo(org, List.of(downtown.id(), airport.id()), botToken.secret(),
        bootstrap.token().secret(), agentToken.secret(), downtownKey.secret(),
        List.of(opening, cake, umbrella), bot.id(),
        Map.of(downtown.id(), downtownKey.secret(), airport.id(), airportKey.secret()));
  }

  private long customerSays(
      ChannelPrincipal channel, String externalId, String name, String text) {
    StoredMessage message = conversations.receiveFromCustomer(channel,
        new IncomingCustomerMessage(externalId, name, null, null, text, null, null));
    return message.threadId();
  }

  String toJson(DemoInfo info) {
    try {
      return json.writeValueAsString(info);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
