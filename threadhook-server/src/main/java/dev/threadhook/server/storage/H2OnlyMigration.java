package dev.threadhook.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration that changes only H2's schema. On PostgreSQL it does nothing and is recorded as
 * done, so both databases have the same history. Its checksum is fixed: the code may be
 * reworded, the change it makes may not.
 */
abstract class H2OnlyMigration implements JavaMigration {
  private final Dialect dialect;
  private final String version;
  private final String description;
  private final int checksum;

  H2OnlyMigration(Dialect dialect, String version, String description, int checksum) {
    this.dialect = dialect;
    this.version = version;
    this.description = description;
    this.checksum = checksum;
  }

  /** Changes H2's schema, in the migration's transaction. */
  abstract void migrateH2(Connection connection) throws SQLException;

  @Override
  public final MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(version);
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return checksum;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public final void migrate(Context context) throws SQLException {
    if (dialect == Dialect.H2) migrateH2(context.getConnection());
  }
}
