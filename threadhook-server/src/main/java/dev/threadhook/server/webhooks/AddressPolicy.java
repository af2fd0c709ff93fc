package dev.threadhook.server.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a webhook is never sent to unless private webhooks are allowed: everything that
 * reaches into the server's own network rather than the internet. A hook URL is a request the
 * server makes on behalf of whoever set it, so without this an organization could make the
 * server POST to its loopback services, its private network or the cloud's metadata endpoint.
 *
 * <p>The list is data, most specific first so the reason names the narrowest range.
 */
public final class AddressPolicy {
  private static final List<Range> FORBIDDEN = List.of(
      range("169.254.169.254/32", "a cloud metadata address"),
      range("fd00:ec2::254/128", "a cloud metadata address"),
      range("100.100.100.200/32", "a cloud metadata address"),
      range("0.0.0.0/8", "a 'this network' address"),
      range("10.0.0.0/8", "a private address"),
      range("100.64.0.0/10", "a carrier-grade NAT address"),
      range("127.0.0.0/8", "a loopback address"),
      range("169.254.0.0/16", "a link-local address"),
      range("172.16.0.0/12", "a private address"),
      range("192.0.0.0/24", "an IETF protocol assignment address"),
      range("192.0.2.0/24", "a documentation address"),
      range("192.88.99.0/24", "a 6to4 relay address"),
      range("192.168.0.0/16", "a private address"),
      range("198.18.0.0/15", "a benchmarking address"),
      range("198.51.100.0/24", "a documentation address"),
      range("203.0.113.0/24", "a documentation address"),
      range("224.0.0.0/4", "a multicast address"),
      range("240.0.0.0/4", "a reserved address"),
      range("::/128", "the unspecified address"),
      range("::1/128", "a loopback address"),
      range("::ffff:0:0/96", "an IPv4-mapped address"),
      range("::/96", "an IPv4-compatible address"),
      range("64:ff9b::/96", "a NAT64 address"),
      range("64:ff9b:1::/48", "a local NAT64 address"),
      range("100::/64", "a discard-only address"),
      range("2001::/32", "a Teredo address"),
      range("2001:db8::/32", "a documentation address"),
      range("2002::/16", "a 6to4 address"),
      range("fc00::/7", "a unique local address"),
      range("fe80::/10", "a link-local address"),
      range("fec0::/10", "a site-local address"),
      range("ff00::/8", "a multicast address"));

  private AddressPolicy() {}

  /** Why a webhook may not go to {@code address}, or empty when it may. */
  public static Optional<String> refusal(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Range range : FORBIDDEN) {
      if (range.contains(bytes)) return Optional.of(range.reason());
    }
    return Optional.empty();
  }

  private static Range range(String cidr, String reason) {
    int slash = cidr.indexOf('/');
    try {
      // Only literals are parsed here, so no name is looked up.
      byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
      if (cidr.startsWith("::ffff:")) network = mappedPrefix();
      return new Range(network, Integer.parseInt(cidr.substring(slash + 1)), reason);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address range: " + cidr, e);
    }
  }

  /** ::ffff:0:0 itself, which InetAddress would turn into the IPv4 address 0.0.0.0. */
  private static byte[] mappedPrefix() {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    return bytes;
  }

  private record Range(byte[] network, int prefixLength, String reason) {
    boolean contains(byte[] address) {
      if (address.length != network.length) return false;
      int full = prefixLength / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) return false;
      }
      int rest = prefixLength % 8;
      if (rest == 0) return true;
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }
}
