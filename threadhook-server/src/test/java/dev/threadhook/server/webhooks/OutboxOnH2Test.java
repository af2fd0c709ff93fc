package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.testing.DatabaseKind;
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
    Outbox.Delivery[] backlog = backlog(thread, 40);
    jdbi.useTransaction(h -> enqueue(h, backlog));

    String plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN ANALYZE " + DeliveryStore.HAND_OVER)
        .bind(0, NOW).bind(1, thread).bind(2, thread).mapTo(String.class).one());

    assertThat(plan).contains("webhook_deliveries_unsettled_by_thread", "/* index sorted */")
        .contains("scanCount: 1").doesNotContain("scanCount: 40");
  }

  /**
   * The safety net's walk reads a page of the unsettled index in order, not every delivery
   * without a due time: on H2 that was the whole delivered history (profile 33).
   */
  @Test
  void lookingForStrandedThreadsReadsAPageOfTheUnsettledIndex() {
    Outbox.Delivery[] deep = backlog(org.threadInA(), DeliveryStore.HEADS_PAGE + 36);
    jdbi.useTransaction(h -> enqueue(h, deep));

    String plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN ANALYZE "
            + DeliveryStore.THREAD_HEADS)
        .bind("after", 0L).bind("limit", DeliveryStore.HEADS_PAGE).mapTo(String.class).one());

    assertThat(plan).contains("webhook_deliveries_unsettled_by_thread", "/* index sorted */")
        .contains("scanCount: " + DeliveryStore.HEADS_PAGE)
        .doesNotContain("scanCount: " + deep.length);
  }
}
