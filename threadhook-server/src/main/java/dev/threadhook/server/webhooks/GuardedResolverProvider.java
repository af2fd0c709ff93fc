package dev.threadhook.server.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVM's name resolver while Threadhook runs (registered in {@code META-INF/services}): the
 * built-in one, except that names a webhook is being sent to must not resolve to a forbidden
 * address (see {@link ResolutionGuard}). Every other lookup is the built-in one, unchanged.
 */
public final class GuardedResolverProvider extends InetAddressResolverProvider {

  @Override
  public InetAddressResolver get(Configuration configuration) {
    ResolutionGuard.JVM.markInstalled();
    return new GuardedResolver(configuration.builtinResolver(), ResolutionGuard.JVM);
  }

  @Override
  public String name() {
    return "threadhook-webhook-guard";
  }

  /** The built-in resolver with the guard's check on guarded names. */
  record GuardedResolver(InetAddressResolver builtin, ResolutionGuard guard)
      implements InetAddressResolver {

    @Override
    public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
        throws UnknownHostException {
      Stream<InetAddress> addresses = builtin.lookupByName(host, policy);
      if (!guard.isGuarded(host)) return addresses;
      List<InetAddress> all = addresses.toList();
      return ResolutionGuard.requireAllowed(host, all).stream();
    }

    @Override
    public String lookupByAddress(byte[] address) throws UnknownHostException {
      return builtin.lookupByAddress(address);
    }
  }
}
