package dev.threadhook.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.bot.RecentDeliveries.Seen;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentDeliveriesTest {

  @Test
  void anIdAlreadyHandledIsADuplicateWithItsFirstResult() throws Exception {
    RecentDeliveries recent = new RecentDeliveries(10);
    AtomicInteger runs = new AtomicInteger();

    var first = recent.handle("msg_1", () -> "handled " + runs.incrementAndGet());
    var again = recent.handle("msg_1", () -> "handled " + runs.incrementAndGet());

    assertThat(first.seen()).isEqualTo(Seen.FIRST_TIME);
    assertThat(again.seen()).isEqualTo(Seen.DUPLICATE);
    assertThat(again.result()).isEqualTo("handled 1");
    assertThat(runs).hasValue(1);
  }

  @Test
  void anIdWhoseHandlingFailedIsHandledAgain() throws Exception {
    RecentDeliveries recent = new RecentDeliveries(10);

    assertThatThrownBy(() -> recent.handle("msg_1", () -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(recent.handle("msg_1", () -> "second try").seen()).isEqualTo(Seen.FIRST_TIME);
  }

  @Test
  void onlyTheMostRecentIdsAreRemembered() throws Exception {
    RecentDeliveries recent = new RecentDeliveries(3);
    for (int i = 1; i <= 4; i++) recent.handle("msg_" + i, () -> "ok");

    assertThat(recent.handle("msg_4", () -> "ok").seen()).isEqualTo(Seen.DUPLICATE);
    assertThat(recent.handle("msg_2", () -> "ok").seen()).isEqualTo(Seen.DUPLICATE);
    assertThat(recent.handle("msg_1", () -> "ok").seen())
        .as("forgotten: the oldest of four with room for three").isEqualTo(Seen.FIRST_TIME);
  }
}
