package dev.threadhook.server.http;

import dev.threadhook.server.accounts.AccountService;
import dev.threadhook.server.accounts.ChannelPrincipal;
import dev.threadhook.server.accounts.Principal;
import io.javalin.http.Context;

/**
 * Who a request is from, read from the reference's {@code token} header (or a Bearer token), and
 * whether their rate allows it.
 */
final class Authenticator {
  private final AccountService accounts;
  private final RateLimiter limiter;

  Authenticator(AccountService accounts, RateLimiter limiter) {
    this.accounts = accounts;
    this.limiter = limiter;
  }

  /** The user behind the request's API token: 401 without a live one, 429 over its rate. */
  Principal principal(Context ctx) {
    Principal principal = accounts.authenticate(presentedToken(ctx));
    limit("token:" + principal.tokenId());
    return principal;
  }

  /**
   * The user behind the request's API token, for a write that checks the token again in its
   * own transaction (see {@link AccountService#authenticateForWrite}).
   */
  Principal principalForWrite(Context ctx) {
    Principal principal = accounts.authenticateForWrite(presentedToken(ctx));
    limit("token:" + principal.tokenId());
    return principal;
  }

  /** The store channel behind the request's channel key. */
  ChannelPrincipal channel(Context ctx) {
    ChannelPrincipal channel = accounts.authenticateChannel(presentedToken(ctx));
    limit("channel:" + channel.channelKeyId());
    return channel;
  }

  private void limit(String key) {
    long wait = limiter.acquire(key);
    if (wait > 0) throw new RateLimitedException(wait);
  }

  static String presentedToken(Context ctx) {
    String token = ctx.header("token");
    if (token != null && !token.isBlank()) return token.strip();
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    return null;
  }
}
