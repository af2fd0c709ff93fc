package dev.threadhook.server.http;

import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.AccountService;
import dev.threadhook.server.accounts.IssuedSecret;
import dev.threadhook.server.accounts.Principal;
import dev.threadhook.server.accounts.Role;
import dev.threadhook.server.accounts.UserKind;
import io.javalin.http.Context;
import java.util.Map;

/** An admin's management of their organization: stores, users, tokens, channel keys. */
final class AdminHandlers {
  private final Authenticator auth;
  private final AccountService accounts;

  AdminHandlers(Authenticator auth, AccountService accounts) {
    this.auth = auth;
    this.accounts = accounts;
  }

  private Principal admin(Context ctx) {
    return auth.principal(ctx);
  }

  void stores(Context ctx) {
    Principal p = admin(ctx);
    ctx.json(Map.of("items", accounts.stores(p.organizationId())));
  }

  void createStore(Context ctx) {
    Principal p = admin(ctx);
    RequestBody body = RequestBody.read(ctx, BotApiHandlers.MAX_BODY_BYTES);
    ctx.status(201).json(accounts.createStore(p, body.string("name")));
  }

  void users(Context ctx) {
    ctx.json(Map.of("items", accounts.users(admin(ctx))));
  }

  /** {@code {"name", "kind": "employee"|"bot", "role": "admin"|"agent", "storeIds": [...]}}. */
  void createUser(Context ctx) {
    Principal p = admin(ctx);
    RequestBody body = RequestBody.read(ctx, BotApiHandlers.MAX_BODY_BYTES);
    UserKind kind = parse(() -> UserKind.fromWireName(
        orDefault(body.optionalString("kind"), "employee")));
    Role role = parse(() -> Role.fromWireName(orDefault(body.optionalString("role"), "agent")));
    ctx.status(201).json(
        accounts.createUser(p, body.string("name"), kind, role, body.idList("storeIds")));
  }

  void tokens(Context ctx) {
    ctx.json(Map.of("items", accounts.tokens(admin(ctx))));
  }

  /** {@code {"label"}} → the token, shown this once. */
  void createToken(Context ctx) {
    Principal p = admin(ctx);
    long userId = ReadHandlers.pathIdOf(ctx, "id", "user");
    RequestBody body = RequestBody.read(ctx, BotApiHandlers.MAX_BODY_BYTES);
    IssuedSecret token = accounts.createToken(p, userId, body.optionalString("label"));
    ctx.status(201).json(Map.of(
        "id", token.id(), "userId", token.ownerId(), "token", token.secret(),
        "label", orDefault(token.label(), "")));
  }

  void revokeToken(Context ctx) {
    Principal p = admin(ctx);
    accounts.revokeToken(p, ReadHandlers.pathIdOf(ctx, "id", "token"));
    ctx.status(204);
  }

  void channelKeys(Context ctx) {
    ctx.json(Map.of("items", accounts.channelKeys(admin(ctx))));
  }

  /** {@code {"label"}} → the store's new channel key, shown this once. */
  void createChannelKey(Context ctx) {
    Principal p = admin(ctx);
    long storeId = ReadHandlers.pathIdOf(ctx, "id", "store");
    RequestBody body = RequestBody.read(ctx, BotApiHandlers.MAX_BODY_BYTES);
    IssuedSecret key = accounts.createChannelKey(p, storeId, body.optionalString("label"));
    ctx.status(201).json(Map.of(
        "id", key.id(), "storeId", key.ownerId(), "channelKey", key.secret(),
        "label", orDefault(key.label(), "")));
  }

  void revokeChannelKey(Context ctx) {
    Principal p = admin(ctx);
    accounts.revokeChannelKey(p, ReadHandlers.pathIdOf(ctx, "id", "channel key"));
    ctx.status(204);
  }

  private static String orDefault(String value, String defaultValue) {
    return value == null ? defaultValue : value;
  }

  private static <T> T parse(java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid(e.getMessage());
    }
  }
}
