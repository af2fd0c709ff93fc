package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadhook.server.storage.Database;
import dev.threadhook.server.testing.TestPostgres;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's deliveries table is vacuumed once enough of its rows changed, and not before; and,
 * once a vacuum takes long, no more than a twentieth of the time.
 */
class QueueVacuumTest {
  @Test
  void vacuumsOnceEnoughRowsChanged() throws Exception {
    try (Database database = Database.open(TestPostgres.get().newDatabase());
        QueueVacuum vacuum = new QueueVacuum(database.jdbi(), Duration.ofMillis(50), 100)) {
      vacuum.start();

      vacuum.changed(99);
      Thread.sleep(300);
      assertThat(manualVacuums(database.jdbi())).as("vacuums after 99 changed rows").isZero();

      vacuum.changed(1);
      await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(manualVacuums(database.jdbi())).isEqualTo(1));
    }
  }

  @Test
  void aVacuumThatTookLongIsFollowedByARestNineteenTimesAsLong() {
    // At most a twentieth of the time vacuuming a large table: a 3 s vacuum leaves the next one
    // 57 s later, where one of 250 ms leaves the 2 s interval in charge.
    assertThat(QueueVacuum.rest(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(57));
    assertThat(QueueVacuum.rest(Duration.ofMillis(250))).isZero();
  }

  private static long manualVacuums(Jdbi jdbi) {
    // The statistics collector reports with a delay of its own; clearing the snapshot reads
    // the current counts.
    return jdbi.withHandle(h -> {
      h.execute("SELECT pg_stat_clear_snapshot()");
      return h.createQuery("SELECT vacuum_count FROM pg_stat_user_tables"
              + " WHERE relname = 'webhook_deliveries'")
          .mapTo(Long.class).one();
    });
  }
}
