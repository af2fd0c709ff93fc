package dev.threadhook.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.server.testing.TestPostgres;
import java.nio.file.Files;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * On H2 every foreign key has an index of its own columns, and the schema's indexes on the same
 * columns were written beside them for every message: migration 1.5 drops the redundant ones
 * there and keeps every foreign key, on both databases.
 */
class ForeignKeyIndexesTest {
  private static final String INDEXES = "SELECT index_name FROM information_schema.indexes"
      + " WHERE table_schema = CURRENT_SCHEMA AND table_name = :table";

  @Test
  void h2WritesOneIndexWhereAForeignKeyAndTheSchemaHadTwo() throws Exception {
    try (Database database =
        Database.open(DatabaseConfig.h2File(Files.createTempDirectory("threadhook-fk-")))) {
      database.jdbi().useHandle(h -> {
        assertThat(indexes(h, "webhook_deliveries")).doesNotContain("webhook_deliveries_by_thread")
            .contains("webhook_deliveries_by_organization", "webhook_deliveries_due")
            .hasSize(8);
        assertThat(indexes(h, "webhook_attempts")).doesNotContain("webhook_attempts_by_delivery")
            .hasSize(2);
        String messageKeyIndex = h.createQuery("SELECT index_name"
                + " FROM information_schema.table_constraints WHERE table_schema = CURRENT_SCHEMA"
                + " AND constraint_name = 'webhook_deliveries_message_fk'")
            .mapTo(String.class).one();
        assertThat(messageKeyIndex).as("the unique index on message_id")
            .isEqualTo(h.createQuery("SELECT index_name FROM information_schema.table_constraints"
                    + " WHERE table_schema = CURRENT_SCHEMA"
                    + " AND constraint_name = 'webhook_deliveries_message'")
                .mapTo(String.class).one());
        assertForeignKeysHold(h);
      });
    }
  }

  @Test
  void postgresKeepsItsIndexesAndForeignKeys() {
    try (Database database = Database.open(TestPostgres.get().newDatabase())) {
      database.jdbi().useHandle(h -> {
        assertThat(h.createQuery("SELECT indexname FROM pg_indexes WHERE tablename IN"
                + " ('webhook_deliveries', 'webhook_attempts')").mapTo(String.class).list())
            .contains("webhook_deliveries_by_thread", "webhook_attempts_by_delivery");
        assertForeignKeysHold(h);
      });
    }
  }

  private static List<String> indexes(Handle h, String table) {
    return h.createQuery(INDEXES).bind("table", table).mapTo(String.class).list();
  }

  private static void assertForeignKeysHold(Handle h) {
    assertThatThrownBy(() -> h.execute("INSERT INTO webhook_attempts (delivery_id, attempt, node,"
        + " url, started_at, duration_ms) VALUES (424242, 1, 'n', 'https://x.example', 0, 0)"))
        .as("an attempt of no delivery").hasMessageContaining("webhook_attempts");
    assertThatThrownBy(() -> h.execute("INSERT INTO webhook_deliveries (organization_id,"
        + " thread_id, message_id, sequence, status, attempts, schedule_step, created_at)"
        + " VALUES (424242, 424242, 424242, 1, 'pending', 0, 0, 0)"))
        .as("a delivery of nothing").hasMessageContaining("webhook_deliveries");
  }
}
