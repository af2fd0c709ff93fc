package dev.threadhook.bench.load;

/**
 * One worker's means of doing a unit of load (an HTTP exchange, a JDBC transaction). A unit that
 * throws counts as failed, by the exception's kind; the next unit is tried anyway.
 */
public interface LoadChannel extends AutoCloseable {
  /** Does unit number {@code index} (0, 1, 2… across all workers of the phase). */
  void perform(long index) throws Exception;

  @Override
  void close();
}
