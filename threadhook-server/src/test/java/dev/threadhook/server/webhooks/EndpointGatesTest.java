package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointGatesTest {
  private static final String URL = "https://bot.example/hook";
  private final EndpointGates gates =
      new EndpointGates(2, 1, 3, Duration.ofSeconds(10), Duration.ofSeconds(30));

  @Test
  void capsConcurrentAttemptsPerHook() throws Exception {
    assertThat(tryAcquire(1, URL, 0)).isTrue();
    assertThat(tryAcquire(1, URL, 0)).isTrue();
    assertThat(tryAcquire(1, URL, 0)).isFalse();
    assertThat(tryAcquire(2, URL, 0)).as("another organization").isTrue();
    assertThat(gates.unavailable(0)).containsExactly(1L);

    gates.release(1, URL, true, 1);

    assertThat(tryAcquire(1, URL, 1)).isTrue();
  }

  @Test
  void pausesAfterConsecutiveFailuresThenLetsOneProbeThrough() throws Exception {
    failOnce(0);
    failOnce(0);
    assertThat(gates.unavailable(0)).isEmpty();
    failOnce(0);

    assertThat(gates.unavailable(5_000)).containsExactly(1L);
    assertThat(tryAcquire(1, URL, 5_000)).isFalse();
    assertThat(gates.nextReopening(5_000)).isEqualTo(10_000);
    assertThat(gates.paused(5_000)).isEqualTo(1);

    assertThat(tryAcquire(1, URL, 10_000)).as("the probe").isTrue();
    assertThat(tryAcquire(1, URL, 10_000)).as("a second probe").isFalse();
    gates.release(1, URL, true, 10_050);

    assertThat(tryAcquire(1, URL, 10_050)).isTrue();
    assertThat(tryAcquire(1, URL, 10_050)).isTrue();
  }

  @Test
  void eachFailedProbeDoublesThePauseUpToTheMaximum() throws Exception {
    failOnce(0);
    failOnce(0);
    failOnce(0);
    long now = 10_000;
    long[] expectedPauses = {20_000, 30_000, 30_000};
    for (long pause : expectedPauses) {
      assertThat(tryAcquire(1, URL, now)).isTrue();
      gates.release(1, URL, false, now);
      assertThat(gates.nextReopening(now)).isEqualTo(now + pause);
      now += pause;
    }
  }

  @Test
  void aNewUrlStartsWithAFreshGate() throws Exception {
    failOnce(0);
    failOnce(0);
    failOnce(0);
    assertThat(tryAcquire(1, URL, 1)).isFalse();

    assertThat(tryAcquire(1, "https://bot.example/new", 1)).isTrue();
    gates.release(1, URL, false, 2);
    assertThat(tryAcquire(1, "https://bot.example/new", 2)).isTrue();
  }

  @Test
  void aHealthyHookQueuesPrefetchTimesItsSlotsAndAQueuedDeliveryTakesTheNextFreeSlot()
      throws Exception {
    EndpointGates prefetching =
        new EndpointGates(2, 2, 3, Duration.ofSeconds(10), Duration.ofSeconds(30));
    for (int i = 0; i < 4; i++) assertThat(prefetching.tryReserve(1, URL, 0)).isTrue();
    assertThat(prefetching.tryReserve(1, URL, 0)).as("a fifth").isFalse();
    assertThat(prefetching.unavailable(0)).containsExactly(1L);

    assertThat(prefetching.awaitSlot(1, URL, Duration.ZERO)).isTrue();
    assertThat(prefetching.awaitSlot(1, URL, Duration.ZERO)).isTrue();
    assertThat(prefetching.awaitSlot(1, URL, Duration.ofMillis(20))).as("no third slot").isFalse();
    prefetching.release(1, URL, true, 1);
    assertThat(prefetching.awaitSlot(1, URL, Duration.ZERO)).isTrue();
    assertThat(prefetching.tryReserve(1, URL, 1)).as("a place freed").isTrue();
  }

  @Test
  void aFullHookTakesDeliveriesAgainOnceAnEighthOfItsQueueHasEnded() {
    // 4 slots, 8 times that in hand: refilled 4 at a time, a claim's worth.
    EndpointGates queue =
        new EndpointGates(4, 8, 3, Duration.ofSeconds(10), Duration.ofSeconds(30));
    for (int i = 0; i < 32; i++) assertThat(queue.tryReserve(1, URL, 0)).isTrue();
    assertThat(queue.tryReserve(1, URL, 0)).as("a 33rd").isFalse();

    for (int i = 0; i < 3; i++) queue.giveBack(1, URL);
    assertThat(queue.unavailable(0)).as("three ended of 32").containsExactly(1L);
    assertThat(queue.tryReserve(1, URL, 0)).isFalse();

    queue.giveBack(1, URL);
    assertThat(queue.unavailable(0)).as("four ended").isEmpty();
    for (int i = 0; i < 4; i++) assertThat(queue.tryReserve(1, URL, 0)).isTrue();
    assertThat(queue.tryReserve(1, URL, 0)).as("full again").isFalse();
  }

  @Test
  void deliveriesQueuedForAHookThatPausesGoBackUnattempted() throws Exception {
    EndpointGates prefetching =
        new EndpointGates(1, 4, 1, Duration.ofSeconds(10), Duration.ofSeconds(30));
    for (int i = 0; i < 3; i++) assertThat(prefetching.tryReserve(1, URL, 0)).isTrue();
    assertThat(prefetching.awaitSlot(1, URL, Duration.ZERO)).isTrue();
    prefetching.release(1, URL, false, 0);

    assertThat(prefetching.awaitSlot(1, URL, Duration.ZERO)).as("paused").isFalse();
    prefetching.giveBack(1, URL);
    assertThat(prefetching.tryReserve(1, URL, 10_000)).as("the probe waits for the queue")
        .isFalse();
    assertThat(prefetching.awaitSlot(1, URL, Duration.ZERO)).isFalse();
    prefetching.giveBack(1, URL);

    assertThat(prefetching.tryReserve(1, URL, 10_000)).as("the probe").isTrue();
    assertThat(prefetching.awaitSlot(1, URL, Duration.ZERO)).isTrue();
    assertThat(prefetching.tryReserve(1, URL, 10_000)).as("nothing beside the probe").isFalse();
  }

  @Test
  void deliveriesHeldForAHookItsOperatorPausesGoBackUnattemptedUntilItIsActiveAgain()
      throws Exception {
    EndpointGates prefetching =
        new EndpointGates(1, 4, 3, Duration.ofSeconds(10), Duration.ofSeconds(30));
    for (int i = 0; i < 3; i++) assertThat(prefetching.tryReserve(1, URL, 0)).isTrue();
    assertThat(prefetching.awaitSlot(1, URL, Duration.ZERO)).as("under way").isTrue();

    prefetching.hold(1);
    prefetching.release(1, URL, true, 0);
    assertThat(prefetching.awaitSlot(1, URL, Duration.ofSeconds(5))).as("held, at once").isFalse();
    prefetching.giveBack(1, URL);
    assertThat(prefetching.awaitSlot(1, URL, Duration.ZERO)).isFalse();
    prefetching.giveBack(1, URL);

    // A reservation is made only for a hook the database says is active: the hold is over.
    assertThat(prefetching.tryReserve(1, URL, 1)).isTrue();
    assertThat(prefetching.awaitSlot(1, URL, Duration.ZERO)).isTrue();
  }

  /** A reservation with its slot at once, or nothing. */
  private boolean tryAcquire(long organization, String url, long now) throws Exception {
    if (!gates.tryReserve(organization, url, now)) return false;
    if (gates.awaitSlot(organization, url, Duration.ZERO)) return true;
    gates.giveBack(organization, url);
    return false;
  }

  private void failOnce(long now) throws Exception {
    assertThat(tryAcquire(1, URL, now)).isTrue();
    gates.release(1, URL, false, now);
  }
}
