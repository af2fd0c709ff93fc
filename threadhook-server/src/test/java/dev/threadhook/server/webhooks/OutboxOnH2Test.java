package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.testing.DatabaseKind;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxOnH2Test extends OutboxContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.H2;
  }

  /**
   * H2 reads an index in order only for an ORDER BY that starts with the index's first column:
   * the hand-over must find a thread's head through one entry of its unsettled index, not by
   * reading and sorting the thread's whole backlog (as it did, twice per hand-over, when it was
   * ordered by sequence alone).
   */
  @Test
  void handingAThreadOverReadsOneEntryOfItsBacklog() {
    long thread = org.threadInA();
    Outbox.Delivery[] backlog = IntStream.range(0, 40)
        .mapToObj(i -> newMessage(thread, "message " + i)).toArray(Outbox.Delivery[]::new);
    jdbi.useTransaction(h -> enqueue(h, backlog));

    String plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN ANALYZE " + DeliveryStore.HAND_OVER)
        .bind("now", NOW).bind("thread", thread).mapTo(String.class).one());

    assertThat(plan).contains("webhook_deliveries_unsettled_by_thread", "/* index sorted */")
        .contains("scanCount: 1").doesNotContain("scanCount: 40");
  }
}
