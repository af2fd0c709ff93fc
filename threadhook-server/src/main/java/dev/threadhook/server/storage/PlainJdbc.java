package dev.threadhook.server.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC on a JDBI transaction's connection, for the statements of every group commit and
 * every dispatcher turn. Binding each parameter and mapping each row through JDBI took 15 % of
 * the writer's thread, the thread that bounds how many messages a second H2 takes, and as much
 * of the dispatcher's (docs/benchmarks.md, profile 37); the rest of the code keeps JDBI's named
 * parameters. The transaction stays JDBI's, with its commit and rollback callbacks.
 */
public final class PlainJdbc {
  private PlainJdbc() {}

  /** Sets one row's parameters of a batch. */
  @FunctionalInterface
  public interface Binder<T> {
    void bind(PreparedStatement statement, T row) throws SQLException;
  }

  /** Reads one row of a result. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** Sets a statement's parameters. */
  @FunctionalInterface
  public interface Parameters {
    void set(PreparedStatement statement) throws SQLException;
  }

  /** Runs the query {@code sql} and reads each row of its result. */
  public static <T> List<T> query(
      Handle transaction, String sql, Parameters parameters, RowReader<T> reader) {
    try (PreparedStatement statement = transaction.getConnection().prepareStatement(sql)) {
      parameters.set(statement);
      try (ResultSet result = statement.executeQuery()) {
        return read(result, reader);
      }
    } catch (SQLException e) {
      throw new StatementFailedException(sql, e);
    }
  }

  /**
   * Runs {@code first}, which takes no parameters and whose result is ignored, then the query
   * {@code sql}, in one round trip to PostgreSQL (see {@link #runAll}). For settings a query
   * needs ({@code set_config(…, true)}), without a round trip of their own.
   */
  public static <T> List<T> queryAfter(Handle transaction, String first, String sql,
      Parameters parameters, RowReader<T> reader) {
    List<T> rows = new ArrayList<>();
    boolean[] queried = {false};
    runAll(transaction, List.of(first, sql), parameters, (index, result) -> {
      if (index != 1) return;
      rows.addAll(read(result, reader));
      queried[0] = true;
    });
    if (!queried[0]) {
      throw new StatementFailedException(first + "; " + sql,
          new SQLException("the statement after the first is not a query"));
    }
    return rows;
  }

  /** Reads the rows a statement of {@link #runAll} returned. */
  @FunctionalInterface
  public interface Results {
    /** @param index the statement's position among those run, from 0 */
    void read(int index, ResultSet rows) throws SQLException;
  }

  /**
   * Runs {@code statements} in order, in one round trip to PostgreSQL: its driver sends the
   * statements of one string together, each with its own parameters (numbered across them all,
   * in order), and each sees what those before it wrote. On a busy machine a round trip cost
   * as much as the statement it carried (docs/benchmarks.md, profile 45). Each statement that
   * returns rows hands them to {@code results}; the others' update counts are not read.
   */
  public static void runAll(Handle transaction, List<String> statements, Parameters parameters,
      Results results) {
    String sql = String.join("; ", statements);
    try (PreparedStatement statement = transaction.getConnection().prepareStatement(sql)) {
      parameters.set(statement);
      boolean rows = statement.execute();
      for (int index = 0; ; index++) {
        if (rows) {
          try (ResultSet result = statement.getResultSet()) {
            results.read(index, result);
          }
        } else if (statement.getUpdateCount() == -1) {
          return;
        }
        rows = statement.getMoreResults();
      }
    } catch (SQLException e) {
      throw new StatementFailedException(sql, e);
    }
  }

  private static <T> List<T> read(ResultSet result, RowReader<T> reader) throws SQLException {
    List<T> rows = new ArrayList<>();
    while (result.next()) rows.add(reader.read(result));
    return rows;
  }

  /** Runs {@code sql}, which takes no parameters, and ignores what it returns. */
  public static void execute(Handle transaction, String sql) {
    try (PreparedStatement statement = transaction.getConnection().prepareStatement(sql)) {
      statement.execute();
    } catch (SQLException e) {
      throw new StatementFailedException(sql, e);
    }
  }

  /**
   * Runs the query {@code sql}, whose one parameter is an array of ids ({@code = ANY(?)}), and
   * reads each row of its result.
   */
  public static <T> List<T> queryByIds(
      Handle transaction, String sql, Collection<Long> ids, RowReader<T> reader) {
    return query(transaction, sql, statement -> setIds(statement, 1, ids), reader);
  }

  /**
   * Runs {@code sql} once for each row, as one JDBC batch; returns each row's update count.
   */
  public static <T> int[] batch(Handle transaction, String sql, List<T> rows, Binder<T> binder) {
    try (PreparedStatement statement = transaction.getConnection().prepareStatement(sql)) {
      for (T row : rows) {
        binder.bind(statement, row);
        statement.addBatch();
      }
      return statement.executeBatch();
    } catch (SQLException e) {
      throw new StatementFailedException(sql, e);
    }
  }

  /**
   * Inserts one row for each of {@code rows} as one JDBC batch, and returns the generated
   * {@code id} of each, in the rows' order.
   */
  public static <T> List<Long> insertReturningIds(
      Handle transaction, String sql, List<T> rows, Binder<T> binder) {
    try (PreparedStatement statement =
        transaction.getConnection().prepareStatement(sql, new String[] {"id"})) {
      for (T row : rows) {
        binder.bind(statement, row);
        statement.addBatch();
      }
      statement.executeBatch();
      List<Long> ids = new ArrayList<>(rows.size());
      try (ResultSet keys = statement.getGeneratedKeys()) {
        while (keys.next()) ids.add(keys.getLong(1));
      }
      if (ids.size() != rows.size()) {
        throw new IllegalStateException(
            "expected " + rows.size() + " generated ids from the batch but got " + ids.size());
      }
      return ids;
    } catch (SQLException e) {
      throw new StatementFailedException(sql, e);
    }
  }

  /** Sets an array of ids, as BIGINT[] (for {@code = ANY(?)} and {@code <> ALL(?)}). */
  public static void setIds(PreparedStatement statement, int index, Collection<Long> ids)
      throws SQLException {
    statement.setArray(index,
        statement.getConnection().createArrayOf("bigint", ids.toArray(Long[]::new)));
  }

  /** Sets a BIGINT parameter that may be null. */
  public static void setLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) statement.setNull(index, Types.BIGINT);
    else statement.setLong(index, value);
  }

  /** Sets an INT parameter that may be null. */
  public static void setInt(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) statement.setNull(index, Types.INTEGER);
    else statement.setInt(index, value);
  }

  /** Sets a text parameter that may be null. */
  public static void setString(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) statement.setNull(index, Types.VARCHAR);
    else statement.setString(index, value);
  }

  /** A statement run through {@link PlainJdbc} failed; the cause is the driver's exception. */
  public static final class StatementFailedException extends RuntimeException {
    StatementFailedException(String sql, SQLException cause) {
      super(cause.getMessage() + " [statement: " + sql + "]", cause);
    }
  }
}
