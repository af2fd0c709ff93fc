package dev.threadhook.server.http;

import io.javalin.http.Context;

/** Where a request carries its secret: the reference's {@code token} header, or a Bearer token. */
final class Auth {
  private Auth() {}

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
