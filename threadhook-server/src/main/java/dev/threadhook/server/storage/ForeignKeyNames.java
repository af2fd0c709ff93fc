package dev.threadhook.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The names the database gave the foreign keys the schema declared without naming them. */
final class ForeignKeyNames {
  private static final String KEY_ON_COLUMN =
      "SELECT tc.constraint_name FROM information_schema.table_constraints tc"
          + " JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema"
          + " AND k.constraint_name = tc.constraint_name"
          + " WHERE tc.table_schema = CURRENT_SCHEMA AND tc.table_name = ?"
          + " AND tc.constraint_type = 'FOREIGN KEY' AND k.column_name = ?";

  private ForeignKeyNames() {}

  /** The foreign key on {@code table.column}; fails when there is none. */
  static String of(Connection connection, String table, String column) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(KEY_ON_COLUMN)) {
      query.setString(1, table);
      query.setString(2, column);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          throw new SQLException(table + " has no foreign key on " + column);
        }
        return rows.getString(1);
      }
    }
  }
}
