package dev.threadhook.server.accounts;

import dev.threadhook.server.DomainException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Authenticates tokens and channel keys; creates and revokes what an organization is made of. */
public final class AccountService {
  /** What a request or a write with a token that is not (or no longer) live is refused with. */
  public static final String UNKNOWN_OR_REVOKED = "the token is unknown or revoked";
  /** What a message posted with a channel key that is not (or no longer) live is refused with. */
  public static final String UNKNOWN_OR_REVOKED_CHANNEL_KEY = "the channel key is unknown or revoked";
  private static final long TOUCH_INTERVAL_MILLIS = 60_000;
  /** How long a token authenticated for a write is remembered (its writes check it anyway). */
  private static final long REMEMBERED_MILLIS = 10_000;
  /** More distinct tokens than this writing within REMEMBERED_MILLIS start the memory afresh. */
  private static final int MAX_REMEMBERED = 10_000;

  private final AccountStore store;
  private final Secrets secrets;
  /** When each token's last use was last written, so a busy token costs one write a minute. */
  private final Map<Long, Long> lastTouched = new ConcurrentHashMap<>();
  /** Principals of tokens recently authenticated for writes, by the token's hash. */
  private final Map<String, Remembered> rememberedForWrites = new ConcurrentHashMap<>();
  /** Channels of keys recently authenticated, by the key's hash (their writes check them). */
  private final Map<String, RememberedChannel> rememberedChannels = new ConcurrentHashMap<>();

  private record RememberedChannel(ChannelPrincipal channel, long atMillis) {}

  private record Remembered(Principal principal, long atMillis) {}

  public AccountService(AccountStore store, Secrets secrets) {
    this.store = store;
    this.secrets = secrets;
  }

  /** The principal of a live API token; 401 when the token is missing, unknown or revoked. */
  public Principal authenticate(String token) {
    if (token == null || token.isBlank()) {
      throw DomainException.unauthorized(
          "a token header (or Authorization: Bearer) with an API token is required");
    }
    String hash = Secrets.hash(token);
    Principal principal = store.principalByTokenHash(hash)
        .filter(p -> Secrets.matches(token, hash))
        .orElseThrow(() -> DomainException.unauthorized(UNKNOWN_OR_REVOKED));
    touch(principal, System.currentTimeMillis());
    return principal;
  }

  /**
   * The principal of a live API token, for a write whose own transaction checks again that the
   * token is live ({@link #UNKNOWN_OR_REVOKED} otherwise): a token authenticated in the last
   * 10 s is answered from memory, so a busy bot's messages do not each cost a query. A revoked
   * token can therefore never write, however recently it was remembered; reads and everything
   * else use {@link #authenticate}, which asks the database every time.
   */
  public Principal authenticateForWrite(String token) {
    if (token == null || token.isBlank()) return authenticate(token);
    String hash = Secrets.hash(token);
    long now = System.currentTimeMillis();
    Remembered remembered = rememberedForWrites.get(hash);
    if (remembered != null && now - remembered.atMillis() < REMEMBERED_MILLIS) {
      touch(remembered.principal(), now);
      return remembered.principal();
    }
    Principal principal = authenticate(token);
    if (rememberedForWrites.size() >= MAX_REMEMBERED) rememberedForWrites.clear();
    rememberedForWrites.put(hash, new Remembered(principal, now));
    return principal;
  }

  /** Records the token's use, at most once a minute. */
  private void touch(Principal principal, long now) {
    Long touched = lastTouched.get(principal.tokenId());
    if (touched == null || now - touched > TOUCH_INTERVAL_MILLIS) {
      lastTouched.put(principal.tokenId(), now);
      store.touchToken(principal.tokenId());
    }
  }

  /**
   * The store a channel key posts into; 401 when the key is missing, unknown or revoked. A key
   * authenticated in the last 10 s is answered from memory, as tokens for writes are: a channel
   * key only writes, and each write checks in its own transaction that the key is still live
   * ({@link #UNKNOWN_OR_REVOKED_CHANNEL_KEY} otherwise), so a revoked key writes nothing more.
   */
  public ChannelPrincipal authenticateChannel(String key) {
    if (key == null || key.isBlank()) {
      throw DomainException.unauthorized("a token header with a store's channel key is required");
    }
    String hash = Secrets.hash(key);
    long now = System.currentTimeMillis();
    RememberedChannel remembered = rememberedChannels.get(hash);
    if (remembered != null && now - remembered.atMillis() < REMEMBERED_MILLIS) {
      return remembered.channel();
    }
    ChannelPrincipal channel = store.channelByKeyHash(hash)
        .orElseThrow(() -> DomainException.unauthorized(UNKNOWN_OR_REVOKED_CHANNEL_KEY));
    if (rememberedChannels.size() >= MAX_REMEMBERED) rememberedChannels.clear();
    rememberedChannels.put(hash, new RememberedChannel(channel, now));
    return channel;
  }

  /** A new organization with its first admin and that admin's token: how an install begins. */
  public Bootstrap createOrganization(String name, String adminName) {
    requireName(name, "name");
    requireName(adminName, "admin name");
    Organization organization = store.createOrganization(name, secrets.newWebhookSecret());
    User admin = store.createUser(
        organization.id(), adminName, UserKind.EMPLOYEE, Role.ADMIN, List.of());
    IssuedSecret token = store.createToken(admin.id(), secrets.newApiToken(), "bootstrap");
    return new Bootstrap(organization, admin, token);
  }

  public record Bootstrap(Organization organization, User admin, IssuedSecret token) {}

  public Store createStore(Principal admin, String name) {
    requireAdmin(admin);
    return createStore(admin.organizationId(), name);
  }

  public Store createStore(long organizationId, String name) {
    requireName(name, "name");
    requireOrganization(organizationId);
    return store.createStore(organizationId, name);
  }

  public User createUser(
      Principal admin, String name, UserKind kind, Role role, List<Long> storeIds) {
    requireAdmin(admin);
    return createUser(admin.organizationId(), name, kind, role, storeIds);
  }

  public User createUser(
      long organizationId, String name, UserKind kind, Role role, List<Long> storeIds) {
    requireName(name, "name");
    requireOrganization(organizationId);
    for (long storeId : storeIds) {
      store.store(storeId)
          .filter(s -> s.organizationId() == organizationId)
          .orElseThrow(() -> DomainException.invalid(
              "store " + storeId + " is not a store of organization " + organizationId));
    }
    return store.createUser(organizationId, name, kind, role, List.copyOf(storeIds));
  }

  public IssuedSecret createToken(Principal admin, long userId, String label) {
    requireAdmin(admin);
    return createToken(admin.organizationId(), userId, label);
  }

  public IssuedSecret createToken(long organizationId, long userId, String label) {
    return createToken(organizationId, userId, label, secrets.newApiToken());
  }

  /**
   * A token whose value is chosen by the caller (the demo's {@code --demo-bot-token}); it must
   * be long enough not to be guessed.
   */
  public IssuedSecret createToken(long organizationId, long userId, String label, String value) {
    if (value.length() < 16) {
      throw DomainException.invalid("a token must be at least 16 characters long");
    }
    store.user(userId)
        .filter(u -> u.organizationId() == organizationId)
        .orElseThrow(() -> DomainException.notFound("user " + userId + " does not exist"));
    return store.createToken(userId, value, label);
  }

  public boolean tokenExists(String value) {
    return store.principalByTokenHash(Secrets.hash(value)).isPresent();
  }

  public void revokeToken(Principal admin, long tokenId) {
    requireAdmin(admin);
    revokeToken(admin.organizationId(), tokenId);
  }

  public void revokeToken(long organizationId, long tokenId) {
    if (!store.revokeToken(organizationId, tokenId)) {
      throw DomainException.notFound("token " + tokenId + " does not exist or is revoked");
    }
    rememberedForWrites.values().removeIf(r -> r.principal().tokenId() == tokenId);
  }

  public IssuedSecret createChannelKey(Principal admin, long storeId, String label) {
    requireAdmin(admin);
    return createChannelKey(admin.organizationId(), storeId, label);
  }

  public IssuedSecret createChannelKey(long organizationId, long storeId, String label) {
    store.store(storeId)
        .filter(s -> s.organizationId() == organizationId)
        .orElseThrow(() -> DomainException.notFound("store " + storeId + " does not exist"));
    return store.createChannelKey(storeId, secrets.newChannelKey(), label);
  }

  public void revokeChannelKey(Principal admin, long keyId) {
    requireAdmin(admin);
    if (!store.revokeChannelKey(admin.organizationId(), keyId)) {
      throw DomainException.notFound("channel key " + keyId + " does not exist or is revoked");
    }
  }

  public Organization organization(long organizationId) {
    return store.organization(organizationId).orElseThrow(
        () -> DomainException.notFound("organization " + organizationId + " does not exist"));
  }

  public List<Organization> organizations() {
    return store.organizations();
  }

  public List<Store> stores(long organizationId) {
    return store.stores(organizationId);
  }

  public List<User> users(Principal admin) {
    requireAdmin(admin);
    return store.users(admin.organizationId());
  }

  public List<TokenInfo> tokens(Principal admin) {
    requireAdmin(admin);
    return store.tokens(admin.organizationId());
  }

  public List<TokenInfo> channelKeys(Principal admin) {
    requireAdmin(admin);
    return store.channelKeys(admin.organizationId());
  }

  private void requireOrganization(long organizationId) {
    organization(organizationId);
  }

  private static void requireAdmin(Principal principal) {
    if (!principal.isAdmin()) {
      throw DomainException.forbidden("only an admin's token may do this");
    }
  }

  private static void requireName(String name, String what) {
    if (name == null || name.isBlank()) throw DomainException.invalid(what + " must not be empty");
    if (name.length() > 200) {
      throw DomainException.invalid(what + " must be at most 200 characters");
    }
  }
}
