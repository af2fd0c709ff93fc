package dev.threadhook.server.webhooks;

import dev.threadhook.server.DomainException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** What a hook URL may look like when it is set. */
public final class HookUrlPolicy {
  static final int MAX_LENGTH = 2048;

  private HookUrlPolicy() {}

  /** Checks an absolute http(s) URL with a host and no credentials; returns it normalized. */
  public static String checkSyntax(String url) {
    if (url.length() > MAX_LENGTH) {
      throw DomainException.invalid("url must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw DomainException.invalid("url must be an absolute http or https URL but was '"
          + url + "' (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw DomainException.invalid(
          "url scheme must be 'http' or 'https' but was " + (scheme == null ? "none" : "'" + scheme + "'"));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw DomainException.invalid("url must have a host but was '" + url + "'");
    }
    if (uri.getRawUserInfo() != null) {
      throw DomainException.invalid("url must not contain credentials (user:password@)");
    }
    return uri.toString();
  }
}
