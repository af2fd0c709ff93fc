package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.testing.DatabaseKind;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.Test;

class OutboxOnPostgresTest extends OutboxContract {
  @Override
  protected DatabaseKind database() {
    return DatabaseKind.POSTGRESQL;
  }

  /**
   * The queue's indexes hold only what is queued (migration 1.7): a settled delivery, and one
   * waiting behind another, has no entry in them. Each statement that reads them must still be
   * one PostgreSQL proves the partial index serves — with sequential scans off, a plan without
   * the index would say it did without.
   */
  @Test
  void theQueueIndexesHoldWhatIsQueuedAndTheQueueStatementsReadThem() {
    long thread = org.threadInA();
    Outbox.Delivery[] backlog = backlog(thread, 5);
    jdbi.useTransaction(h -> enqueue(h, backlog));

    List<String> indexes = jdbi.withHandle(h -> h.createQuery("SELECT indexdef FROM pg_indexes"
            + " WHERE tablename = 'webhook_deliveries' ORDER BY indexname")
        .mapTo(String.class).list());
    assertThat(indexes)
        .anyMatch(i -> i.contains("webhook_deliveries_due")
            && i.endsWith("WHERE (next_attempt_at IS NOT NULL)"))
        .anyMatch(i -> i.contains("webhook_deliveries_unsettled_by_thread")
            && i.endsWith("WHERE (unsettled_thread_id IS NOT NULL)"))
        .noneMatch(i -> i.contains("webhook_deliveries_by_thread"));

    assertThat(plan(DeliveryStore.HAND_OVER, q -> q.bind(0, NOW).bind(1, thread).bind(2, thread)))
        .contains("webhook_deliveries_unsettled_by_thread").doesNotContain("Seq Scan");
    assertThat(plan(DeliveryStore.THREAD_HEADS,
        q -> q.bind("after", 0L).bind("limit", DeliveryStore.HEADS_PAGE)))
        .contains("webhook_deliveries_unsettled_by_thread").doesNotContain("Seq Scan");
    assertThat(plan(DeliveryStore.CANDIDATES,
        q -> q.bind(0, NOW).bindArray(1, Long.class, List.of(0L)).bind(2, 10)))
        .contains("webhook_deliveries_due", "webhook_deliveries_unsettled_by_thread")
        .doesNotContain("Seq Scan");
  }

  /** The statement's plan, its parameters bound as a claim binds them, without sequential scans. */
  private String plan(String sql, Consumer<Query> parameters) {
    return jdbi.inTransaction(h -> {
      h.execute("SET LOCAL enable_seqscan = off");
      Query explain = h.createQuery("EXPLAIN " + sql);
      parameters.accept(explain);
      return String.join("\n", explain.mapTo(String.class).list());
    });
  }
}
