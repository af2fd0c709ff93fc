package dev.threadhook.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration that changes one database's schema only, where the two differ in what an index
 * costs or can be. On the other it does nothing and is recorded as done, so both databases have
 * the same history. Its checksum is fixed: the code may be reworded, the change it makes may not.
 */
abstract class OneDatabaseMigration implements JavaMigration {
  private final Dialect changes;
  private final Dialect dialect;
  private final String version;
  private final String description;
  private final int checksum;

  /**
   * @param changes the database whose schema it changes
   * @param dialect the database it runs on
   */
  OneDatabaseMigration(Dialect changes, Dialect dialect, String version, String description,
      int checksum) {
    this.changes = changes;
    this.dialect = dialect;
    this.version = version;
    this.description = description;
    this.checksum = checksum;
  }

  /** Changes the schema, in the migration's transaction, on the database it is for. */
  abstract void change(Connection connection) throws SQLException;

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
    if (dialect == changes) change(context.getConnection());
  }
}
