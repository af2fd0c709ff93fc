package dev.threadhook.server.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the address a webhook connects to the address that was checked. The JDK's HttpClient
 * resolves the URL's host itself when it connects, and has no per-client resolver; checking the
 * name beforehand would leave a window in which a DNS answer can change (DNS rebinding: public
 * when checked, 127.0.0.1 when connected). So the check lives in the JVM's resolver
 * ({@link GuardedResolverProvider}): while a host is guarded, every fresh lookup of it is refused
 * when it yields a forbidden address, and the sender checks what the JVM's address cache holds
 * for it just before sending. Whatever HttpClient then connects to is either that cached, checked
 * answer or a fresh, guarded lookup.
 *
 * <p>This is the one piece of JVM-wide state in the server: the JDK instantiates resolver
 * providers itself, with no way to hand them an instance.
 */
public final class ResolutionGuard {
  static final ResolutionGuard JVM = new ResolutionGuard();

  private final Map<String, AtomicInteger> guarded = new ConcurrentHashMap<>();
  private volatile boolean installed;

  ResolutionGuard() {}

  /** Whether the JVM resolves names through {@link GuardedResolverProvider}. */
  boolean installed() {
    return installed;
  }

  void markInstalled() {
    installed = true;
  }

  /** Guards {@code host} until the returned handle is closed; guards nest. */
  Handle guard(String host) {
    String key = host.toLowerCase(Locale.ROOT);
    guarded.compute(key, (k, count) -> {
      AtomicInteger c = count == null ? new AtomicInteger() : count;
      c.incrementAndGet();
      return c;
    });
    return () -> guarded.computeIfPresent(key, (k, count) -> count.decrementAndGet() == 0 ? null : count);
  }

  boolean isGuarded(String host) {
    return guarded.containsKey(host.toLowerCase(Locale.ROOT));
  }

  /**
   * The host's addresses when none is forbidden.
   *
   * @throws UnknownHostException naming the first forbidden address and why
   */
  static List<InetAddress> requireAllowed(String host, List<InetAddress> addresses)
      throws UnknownHostException {
    List<InetAddress> checked = new ArrayList<>(addresses.size());
    for (InetAddress address : addresses) {
      Optional<String> refusal = AddressPolicy.refusal(address);
      if (refusal.isPresent()) throw new RefusedAddressException(host, address, refusal.get());
      checked.add(address);
    }
    return checked;
  }

  /** Ends a guard. */
  @FunctionalInterface
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }

  /** A lookup refused because the name resolves to an address webhooks may not go to. */
  static final class RefusedAddressException extends UnknownHostException {
    RefusedAddressException(String host, InetAddress address, String reason) {
      super(describe(host, address, reason));
    }

    static String describe(String host, InetAddress address, String reason) {
      String ip = address.getHostAddress();
      String target = ip.equalsIgnoreCase(host) ? ip : host + " resolves to " + ip + ", which";
      return target + " is " + reason + "; webhooks are not sent there unless private webhooks"
          + " are allowed (--allow-private-webhooks)";
    }
  }
}
