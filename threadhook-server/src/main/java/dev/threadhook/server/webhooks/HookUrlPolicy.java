package dev.threadhook.server.webhooks;

import dev.threadhook.server.DomainException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a hook URL may look like when it is set. */
public final class HookUrlPolicy {
  static final int MAX_LENGTH = 2048;
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

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

  /**
   * Refuses a URL whose host is an IP literal webhooks may never go to (127.0.0.1, 10.1.2.3,
   * [::1], 169.254.169.254…), so the mistake shows when the URL is set rather than at every
   * delivery. Names are not resolved here: their addresses are checked when each delivery
   * connects, since DNS answers change.
   */
  static void refuseForbiddenLiteral(String url) {
    String host = URI.create(url).getHost();
    // java.net.URI only takes a dotted quad with octets up to 255 for a host, so a literal
    // here is one InetAddress parses without looking anything up.
    if (!host.startsWith("[") && !IPV4_LITERAL.matcher(host).matches()) return;
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw DomainException.invalid("url host '" + host + "' is not a valid IP address");
    }
    AddressPolicy.refusal(address).ifPresent(reason -> {
      throw DomainException.invalid("url host " + host + " is " + reason + "; webhooks are not"
          + " sent there unless the server allows private webhooks (--allow-private-webhooks)");
    });
  }
}
