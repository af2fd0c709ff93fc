package dev.threadhook.server.http;

import dev.threadhook.api.CustomerThread;
import dev.threadhook.api.Me;
import dev.threadhook.api.Message;
import dev.threadhook.api.Page;
import dev.threadhook.api.ThreadStatus;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.AccountService;
import dev.threadhook.server.accounts.Organization;
import dev.threadhook.server.accounts.Principal;
import dev.threadhook.server.conversations.ConversationService;
import dev.threadhook.server.conversations.ConversationStore.AttachmentContent;
import dev.threadhook.server.conversations.StoredMessage;
import dev.threadhook.server.conversations.StoredThread;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What a bot reads: who it is, the threads it can see, their messages and attachments. */
final class ReadHandlers {
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 200;

  private final Authenticator auth;
  private final AccountService accounts;
  private final ConversationService conversations;

  ReadHandlers(
      Authenticator auth, AccountService accounts, ConversationService conversations) {
    this.auth = auth;
    this.accounts = accounts;
    this.conversations = conversations;
  }

  void me(Context ctx) {
    Principal p = auth.principal(ctx);
    Organization organization = accounts.organization(p.organizationId());
    List<Me.Store> stores = accounts.stores(p.organizationId()).stream()
        .filter(s -> p.canSee(s.organizationId(), s.id()))
        .map(s -> new Me.Store(s.id(), s.name()))
        .toList();
    ctx.json(new Me(
        new Me.User(p.userId(), p.userName(), p.kind().wireName(), p.role().wireName(),
            stores.stream().map(Me.Store::id).toList()),
        new Me.Organization(organization.id(), organization.name(), stores)));
  }

  /** {@code ?status=&storeId=&cursor=&limit=}: newest threads first. */
  void threads(Context ctx) {
    Principal p = auth.principal(ctx);
    String statusParam = ctx.queryParam("status");
    ThreadStatus status = statusParam == null ? null : ThreadStatus.fromWireName(statusParam)
        .orElseThrow(() -> DomainException.invalid(
            "status must be one of waiting, replied, resolved but was '" + statusParam + "'"));
    Long storeId = optionalId(ctx, "storeId");
    Long cursor = optionalId(ctx, "cursor");
    int limit = limit(ctx);
    List<StoredThread> threads = conversations.threads(
        p, status, storeId, cursor == null ? Long.MAX_VALUE : cursor, limit + 1);
    boolean more = threads.size() > limit;
    List<CustomerThread> items = threads.stream().limit(limit).map(Views::thread).toList();
    String next = more ? Long.toString(items.get(items.size() - 1).id()) : null;
    ctx.json(new Page<>(items, next));
  }

  void thread(Context ctx) {
    Principal p = auth.principal(ctx);
    ctx.json(Views.thread(conversations.thread(p, pathId(ctx, "id"))));
  }

  /** {@code ?after=&limit=}: both parts of the thread, oldest first, after a sequence number. */
  void messages(Context ctx) {
    Principal p = auth.principal(ctx);
    long threadId = pathId(ctx, "id");
    Long after = optionalSequence(ctx, "after");
    int limit = limit(ctx);
    List<StoredMessage> messages =
        conversations.messages(p, threadId, after == null ? 0 : after, limit + 1);
    boolean more = messages.size() > limit;
    List<Message> items = messages.stream().limit(limit).map(Views::message).toList();
    String next = more ? Long.toString(items.get(items.size() - 1).sequence()) : null;
    ctx.json(new Page<>(items, next));
  }

  void attachment(Context ctx) {
    Principal p = auth.principal(ctx);
    AttachmentContent a = conversations.attachment(p, ctx.pathParam("uuid"));
    ctx.contentType(a.attachment().contentType());
    ctx.header("Content-Disposition", "attachment; filename*=UTF-8''"
        + URLEncoder.encode(a.attachment().name(), StandardCharsets.UTF_8).replace("+", "%20"));
    ctx.result(a.content());
  }

  static long pathId(Context ctx, String name) {
    return pathIdOf(ctx, name, "customer thread");
  }

  /** A path id; one that is not a positive integer names nothing, so it gets 404 like an unknown id. */
  static long pathIdOf(Context ctx, String name, String what) {
    String value = ctx.pathParam(name);
    try {
      return RequestBody.parseId(name, value);
    } catch (DomainException e) {
      throw DomainException.notFound(what + " '" + value + "' does not exist");
    }
  }

  static Long optionalId(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isEmpty() ? null : RequestBody.parseId(name, value);
  }

  private static Long optionalSequence(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty() || value.equals("0")) return null;
    return RequestBody.parseId(name, value);
  }

  static int limit(Context ctx) {
    String value = ctx.queryParam("limit");
    if (value == null || value.isEmpty()) return DEFAULT_PAGE_SIZE;
    long limit = RequestBody.parseId("limit", value);
    if (limit > MAX_PAGE_SIZE) {
      throw DomainException.invalid(
          "limit must be between 1 and " + MAX_PAGE_SIZE + " but was " + value);
    }
    return (int) limit;
  }
}
