package dev.threadhook.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadhook.server.testing.TestPostgres;
import java.nio.file.Files;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * On H2 every foreign key has an index of its own columns, written for every message: migration
 * 1.5 drops the schema's indexes that duplicated them, and 1.6 the keys of the references the
 * writer checks itself. PostgreSQL keeps every key, and every index but one nothing reads.
 */
class ForeignKeyIndexesTest {
  private static final String FOREIGN_KEY_COLUMNS = "SELECT k.column_name"
      + " FROM information_schema.table_constraints tc"
      + " JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema"
      + " AND k.constraint_name = tc.constraint_name"
      + " WHERE tc.table_schema = CURRENT_SCHEMA AND tc.table_name = :table"
      + " AND tc.constraint_type = 'FOREIGN KEY'";
  private static final String INDEXES = "SELECT index_name FROM information_schema.indexes"
      + " WHERE table_schema = CURRENT_SCHEMA AND table_name = :table";

  @Test
  void h2WritesOneIndexWhereAForeignKeyAndTheSchemaHadTwo() throws Exception {
    try (Database database =
        Database.open(DatabaseConfig.h2File(Files.createTempDirectory("threadhook-fk-")))) {
      database.jdbi().useHandle(h -> {
        assertThat(indexes(h, "webhook_deliveries")).doesNotContain("webhook_deliveries_by_thread")
            .contains("webhook_deliveries_by_organization", "webhook_deliveries_due")
            .hasSize(6);
        assertThat(indexes(h, "messages")).as("primary key, (thread_id, sequence), attachment")
            .hasSize(3);
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
        assertThat(foreignKeyColumns(h, "messages")).containsExactly("attachment_uuid");
        assertThat(foreignKeyColumns(h, "webhook_deliveries")).containsExactly("message_id");
        assertForeignKeysHold(h);
      });
    }
  }

  @Test
  void postgresKeepsItsForeignKeys() {
    try (Database database = Database.open(TestPostgres.get().newDatabase())) {
      database.jdbi().useHandle(h -> {
        assertThat(h.createQuery("SELECT indexname FROM pg_indexes WHERE tablename IN"
                + " ('webhook_deliveries', 'webhook_attempts')").mapTo(String.class).list())
            .contains("webhook_attempts_by_delivery")
            .as("dropped by migration 1.7").doesNotContain("webhook_deliveries_by_thread");
        assertThat(foreignKeyColumns(h, "messages"))
            .containsExactlyInAnyOrder("thread_id", "user_id", "attachment_uuid");
        assertThat(foreignKeyColumns(h, "webhook_deliveries"))
            .containsExactlyInAnyOrder("organization_id", "thread_id", "message_id");
        assertForeignKeysHold(h);
        assertThatThrownBy(() -> h.execute("INSERT INTO messages (thread_id, sequence, created_at,"
            + " from_customer, body, invisible) VALUES (424242, 1, 0, TRUE, 'hi', FALSE)"))
            .as("a message of no thread").hasMessageContaining("messages");
      });
    }
  }

  private static List<String> indexes(Handle h, String table) {
    return h.createQuery(INDEXES).bind("table", table).mapTo(String.class).list();
  }

  private static List<String> foreignKeyColumns(Handle h, String table) {
    return h.createQuery(FOREIGN_KEY_COLUMNS).bind("table", table).mapTo(String.class).list();
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
