package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The resolver guard against DNS rebinding: a name that answers public first and private next. */
class ResolutionGuardTest {
  private final ResolutionGuard guard = new ResolutionGuard();

  @Test
  void theJvmResolvesThroughTheGuard() throws Exception {
    InetAddress.getAllByName("localhost");
    assertThat(ResolutionGuard.JVM.installed())
        .as("META-INF/services names GuardedResolverProvider").isTrue();
  }

  @Test
  void aGuardedNameThatRebindsToLoopbackIsRefused() throws Exception {
    InetAddressResolver resolver = new GuardedResolverProvider.GuardedResolver(
        rebinding("93.184.215.14", "127.0.0.1"), guard);

    try (ResolutionGuard.Handle ignored = guard.guard("Rebind.Example")) {
      assertThat(resolver.lookupByName("rebind.example", null))
          .containsExactly(InetAddress.getByName("93.184.215.14"));
      assertThatThrownBy(() -> resolver.lookupByName("rebind.example", null))
          .isInstanceOf(UnknownHostException.class)
          .hasMessageContaining("rebind.example resolves to 127.0.0.1")
          .hasMessageContaining("a loopback address");
    }
  }

  @Test
  void anyForbiddenAddressAmongSeveralRefusesTheName() throws Exception {
    InetAddressResolver builtin = new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        return Stream.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.7"));
      }

      @Override
      public String lookupByAddress(byte[] address) {
        throw new UnsupportedOperationException();
      }
    };
    InetAddressResolver resolver = new GuardedResolverProvider.GuardedResolver(builtin, guard);

    try (ResolutionGuard.Handle ignored = guard.guard("mixed.example")) {
      assertThatThrownBy(() -> resolver.lookupByName("mixed.example", null))
          .hasMessageContaining("10.0.0.7").hasMessageContaining("a private address");
    }
  }

  @Test
  void namesNotGuardedResolveAsUsual() throws Exception {
    InetAddressResolver resolver =
        new GuardedResolverProvider.GuardedResolver(rebinding("127.0.0.1"), guard);

    assertThat(resolver.lookupByName("db.internal", null))
        .containsExactly(InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void guardsNestAndEndWithTheirLastHandle() {
    ResolutionGuard.Handle first = guard.guard("nested.example");
    ResolutionGuard.Handle second = guard.guard("nested.example");
    first.close();
    assertThat(guard.isGuarded("nested.example")).isTrue();
    second.close();
    assertThat(guard.isGuarded("nested.example")).isFalse();
  }

  /** A resolver answering each lookup with the next address. */
  private static InetAddressResolver rebinding(String... answers) throws UnknownHostException {
    Deque<InetAddress> queue = new ArrayDeque<>();
    for (String answer : answers) queue.add(InetAddress.getByName(answer));
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) {
        return Stream.of(queue.size() > 1 ? queue.poll() : queue.peek());
      }

      @Override
      public String lookupByAddress(byte[] address) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void refusalNamesTheAddressAndTheWayToAllowIt() {
    assertThat(List.of(new ResolutionGuard.RefusedAddressException(
            "hook.example", InetAddress.getLoopbackAddress(), "a loopback address").getMessage()))
        .singleElement().asString()
        .contains("hook.example resolves to 127.0.0.1, which is a loopback address")
        .contains("--allow-private-webhooks");
  }
}
