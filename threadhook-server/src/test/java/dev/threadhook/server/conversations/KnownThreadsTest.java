package dev.threadhook.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownThreadsTest {
  private final KnownThreads known = new KnownThreads(2);

  @Test
  void remembersAThreadsFactsAndACustomersThread() {
    KnownThreads.Facts facts = new KnownThreads.Facts(7, 1, 2, 3);
    known.remember(facts);
    known.rememberCustomerThread(2, "web-1", 7);

    assertThat(known.thread(7)).isEqualTo(facts);
    assertThat(known.customerThread(2, "web-1")).isEqualTo(7L);
    assertThat(known.customerThread(3, "web-1")).as("another store's customer").isNull();
    assertThat(known.thread(8)).isNull();
  }

  @Test
  void forgetsTheLeastRecentlyUsedBeyondItsCapacity() {
    known.remember(new KnownThreads.Facts(1, 1, 1, 1));
    known.remember(new KnownThreads.Facts(2, 1, 1, 2));
    known.thread(1);
    known.remember(new KnownThreads.Facts(3, 1, 1, 3));

    assertThat(known.thread(2)).as("least recently used").isNull();
    assertThat(known.thread(1)).isNotNull();
    assertThat(known.thread(3)).isNotNull();
  }
}
