package dev.threadhook.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The identities written for every message — the message, its delivery, each attempt — are
 * handed out from a cache on H2, where each refill of the cache is a commit and a file write of
 * its own; PostgreSQL keeps a cache of 1, since its caches are per connection and would hand out
 * ids out of commit order.
 */
class IdentityCacheTest {
  @ParameterizedTest
  @ValueSource(strings = {"messages", "webhook_deliveries", "webhook_attempts"})
  void h2CachesTheIdentitiesWrittenPerMessage(String table) throws Exception {
    Path dir = Files.createTempDirectory("threadhook-identity-");
    try (Database database = Database.open(DatabaseConfig.h2File(dir))) {
      long cache = database.jdbi().withHandle(h -> h.createQuery("SELECT identity_cache"
              + " FROM information_schema.columns WHERE table_name = :table AND column_name = 'id'")
          .bind("table", table).mapTo(Long.class).one());
      assertThat(cache).isEqualTo(1000);
    }
  }

  @Test
  void postgresHandsOutIdentitiesOneAtATime() {
    try (Database database = Database.open(TestPostgres.get().newDatabase())) {
      for (String table : new String[] {"messages", "webhook_deliveries", "webhook_attempts"}) {
        long cache = database.jdbi().withHandle(h -> h.createQuery("SELECT cache_size"
                + " FROM pg_sequences WHERE sequencename = :sequence")
            .bind("sequence", table + "_id_seq").mapTo(Long.class).one());
        assertThat(cache).as(table).isEqualTo(1);
      }
    }
  }
}
