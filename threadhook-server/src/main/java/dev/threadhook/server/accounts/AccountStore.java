package dev.threadhook.server.accounts;

import dev.threadhook.server.Clock;
import dev.threadhook.server.storage.PlainJdbc;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Organizations, stores, users, tokens and channel keys in the database. */
public final class AccountStore {
  private static final RowMapper<Organization> ORGANIZATION = (rs, ctx) -> new Organization(
      rs.getLong("id"), rs.getString("name"), rs.getString("webhook_url"),
      rs.getLong("created_at"));
  private static final RowMapper<Store> STORE = (rs, ctx) -> new Store(
      rs.getLong("id"), rs.getLong("organization_id"), rs.getString("name"),
      rs.getLong("created_at"));
  /** Columns: id, owner id, prefix, label, created_at, last_used_at, revoked_at. */
  private static final RowMapper<TokenInfo> TOKEN_INFO = (rs, ctx) -> new TokenInfo(
      rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
      rs.getObject(6, Long.class), rs.getObject(7, Long.class));

  private final Jdbi jdbi;
  private final Clock clock;

  public AccountStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public Organization createOrganization(String name, String webhookSecret) {
    long now = clock.millis();
    long id = jdbi.withHandle(h -> h.createUpdate(
            "INSERT INTO organizations (name, webhook_secret, created_at) VALUES (:name, :secret, :now)")
        .bind("name", name).bind("secret", webhookSecret).bind("now", now)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new Organization(id, name, null, now);
  }

  public Optional<Organization> organization(long id) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, name, webhook_url, created_at FROM organizations WHERE id = :id")
        .bind("id", id)
        .map(ORGANIZATION)
        .findOne());
  }

  public List<Organization> organizations() {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, name, webhook_url, created_at FROM organizations ORDER BY id")
        .map(ORGANIZATION)
        .list());
  }

  public Store createStore(long organizationId, String name) {
    long now = clock.millis();
    long id = jdbi.withHandle(h -> h.createUpdate(
            "INSERT INTO stores (organization_id, name, created_at) VALUES (:org, :name, :now)")
        .bind("org", organizationId).bind("name", name).bind("now", now)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new Store(id, organizationId, name, now);
  }

  public List<Store> stores(long organizationId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, organization_id, name, created_at FROM stores"
                + " WHERE organization_id = :org ORDER BY id")
        .bind("org", organizationId)
        .map(STORE)
        .list());
  }

  public Optional<Store> store(long storeId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, organization_id, name, created_at FROM stores WHERE id = :id")
        .bind("id", storeId)
        .map(STORE)
        .findOne());
  }

  public User createUser(
      long organizationId, String name, UserKind kind, Role role, List<Long> storeIds) {
    long now = clock.millis();
    return jdbi.inTransaction(h -> {
      long id = h.createUpdate(
              "INSERT INTO users (organization_id, name, kind, role, created_at)"
                  + " VALUES (:org, :name, :kind, :role, :now)")
          .bind("org", organizationId).bind("name", name)
          .bind("kind", kind.wireName()).bind("role", role.wireName()).bind("now", now)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      for (long storeId : storeIds) {
        h.createUpdate("INSERT INTO user_stores (user_id, store_id) VALUES (:user, :store)")
            .bind("user", id).bind("store", storeId).execute();
      }
      return new User(id, organizationId, name, kind, role, List.copyOf(storeIds), now);
    });
  }

  public Optional<User> user(long userId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, organization_id, name, kind, role, created_at FROM users WHERE id = :id")
        .bind("id", userId)
        .map(users(h))
        .findOne());
  }

  public List<User> users(long organizationId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, organization_id, name, kind, role, created_at FROM users"
                + " WHERE organization_id = :org ORDER BY id")
        .bind("org", organizationId)
        .map(users(h))
        .list());
  }

  private static RowMapper<User> users(Handle h) {
    return (rs, ctx) -> new User(
        rs.getLong("id"), rs.getLong("organization_id"), rs.getString("name"),
        UserKind.fromWireName(rs.getString("kind")), Role.fromWireName(rs.getString("role")),
        storeIds(h, rs.getLong("id")), rs.getLong("created_at"));
  }

  private static List<Long> storeIds(Handle h, long userId) {
    return h.createQuery("SELECT store_id FROM user_stores WHERE user_id = :user ORDER BY store_id")
        .bind("user", userId).mapTo(Long.class).list();
  }

  public IssuedSecret createToken(long userId, String secret, String label) {
    long id = jdbi.withHandle(h -> h.createUpdate(
            "INSERT INTO api_tokens (user_id, token_hash, token_prefix, label, created_at)"
                + " VALUES (:user, :hash, :prefix, :label, :now)")
        .bind("user", userId).bind("hash", Secrets.hash(secret))
        .bind("prefix", Secrets.displayPrefix(secret)).bind("label", label)
        .bind("now", clock.millis())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new IssuedSecret(id, userId, secret, label);
  }

  /** Tokens of an organization's users; the owner is the user id. */
  public List<TokenInfo> tokens(long organizationId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT t.id, t.user_id, t.token_prefix, t.label, t.created_at, t.last_used_at,"
                + " t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id"
                + " WHERE u.organization_id = :org ORDER BY t.id")
        .bind("org", organizationId)
        .map(TOKEN_INFO)
        .list());
  }

  /** Revokes a token of the organization; false when there is no such live token. */
  public boolean revokeToken(long organizationId, long tokenId) {
    return jdbi.withHandle(h -> h.createUpdate(
            "UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL"
                + " AND user_id IN (SELECT id FROM users WHERE organization_id = :org)")
        .bind("now", clock.millis()).bind("id", tokenId).bind("org", organizationId)
        .execute()) == 1;
  }

  /**
   * The live token whose hash is {@code hash}, with its user and the user's stores, in one query
   * (it runs on every request); empty when unknown or revoked. Not cached, so a revocation
   * made anywhere — another node, the CLI — holds from the next request on.
   */
  public Optional<Principal> principalByTokenHash(String hash) {
    return jdbi.withHandle(h -> {
      List<Principal> rows = h.createQuery(
              "SELECT t.id AS token_id, u.id AS user_id, u.name, u.kind, u.role,"
                  + " u.organization_id, us.store_id FROM api_tokens t"
                  + " JOIN users u ON u.id = t.user_id"
                  + " LEFT JOIN user_stores us ON us.user_id = u.id"
                  + " WHERE t.token_hash = :hash AND t.revoked_at IS NULL")
          .bind("hash", hash)
          .map((rs, ctx) -> {
            Long store = rs.getObject("store_id", Long.class);
            return new Principal(
                rs.getLong("token_id"), rs.getLong("user_id"), rs.getString("name"),
                UserKind.fromWireName(rs.getString("kind")),
                Role.fromWireName(rs.getString("role")), rs.getLong("organization_id"),
                store == null ? Set.of() : Set.of(store));
          })
          .list();
      if (rows.isEmpty()) return Optional.empty();
      Set<Long> stores = new HashSet<>();
      rows.forEach(p -> stores.addAll(p.memberStoreIds()));
      Principal first = rows.get(0);
      return Optional.of(new Principal(first.tokenId(), first.userId(), first.userName(),
          first.kind(), first.role(), first.organizationId(), Set.copyOf(stores)));
    });
  }

  /**
   * Which of the tokens are live (exist and are not revoked), read in the caller's transaction,
   * so a write can check its token in the transaction that writes it.
   */
  public static Set<Long> liveTokenIds(Handle transaction, List<Long> tokenIds) {
    if (tokenIds.isEmpty()) return Set.of();
    return Set.copyOf(PlainJdbc.queryByIds(transaction,
        "SELECT id FROM api_tokens WHERE id = ANY(?) AND revoked_at IS NULL", tokenIds,
        rs -> rs.getLong(1)));
  }

  /** The channel keys of {@code keyIds} that are not revoked, read in the writing transaction. */
  public static Set<Long> liveChannelKeyIds(Handle transaction, List<Long> keyIds) {
    if (keyIds.isEmpty()) return Set.of();
    return Set.copyOf(PlainJdbc.queryByIds(transaction,
        "SELECT id FROM channel_keys WHERE id = ANY(?) AND revoked_at IS NULL", keyIds,
        rs -> rs.getLong(1)));
  }

  /** Records a token's use, at most about once a minute so reads do not each cost a write. */
  public void touchToken(long tokenId) {
    long now = clock.millis();
    jdbi.useHandle(h -> h.createUpdate(
            "UPDATE api_tokens SET last_used_at = :now WHERE id = :id"
                + " AND (last_used_at IS NULL OR last_used_at < :stale)")
        .bind("now", now).bind("id", tokenId).bind("stale", now - 60_000).execute());
  }

  public IssuedSecret createChannelKey(long storeId, String secret, String label) {
    long id = jdbi.withHandle(h -> h.createUpdate(
            "INSERT INTO channel_keys (store_id, key_hash, key_prefix, label, created_at)"
                + " VALUES (:store, :hash, :prefix, :label, :now)")
        .bind("store", storeId).bind("hash", Secrets.hash(secret))
        .bind("prefix", Secrets.displayPrefix(secret)).bind("label", label)
        .bind("now", clock.millis())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new IssuedSecret(id, storeId, secret, label);
  }

  /** Channel keys of an organization's stores; the owner is the store id. */
  public List<TokenInfo> channelKeys(long organizationId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT k.id, k.store_id, k.key_prefix, k.label, k.created_at, k.last_used_at,"
                + " k.revoked_at FROM channel_keys k JOIN stores s ON s.id = k.store_id"
                + " WHERE s.organization_id = :org ORDER BY k.id")
        .bind("org", organizationId)
        .map(TOKEN_INFO)
        .list());
  }

  public boolean revokeChannelKey(long organizationId, long keyId) {
    return jdbi.withHandle(h -> h.createUpdate(
            "UPDATE channel_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL"
                + " AND store_id IN (SELECT id FROM stores WHERE organization_id = :org)")
        .bind("now", clock.millis()).bind("id", keyId).bind("org", organizationId)
        .execute()) == 1;
  }

  public Optional<ChannelPrincipal> channelByKeyHash(String hash) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT k.id, s.organization_id, s.id AS store_id FROM channel_keys k"
                + " JOIN stores s ON s.id = k.store_id"
                + " WHERE k.key_hash = :hash AND k.revoked_at IS NULL")
        .bind("hash", hash)
        .map((rs, ctx) -> new ChannelPrincipal(
            rs.getLong("id"), rs.getLong("organization_id"), rs.getLong("store_id")))
        .findOne());
  }
}
