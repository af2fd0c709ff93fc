package dev.threadhook.bench.load;

/** Opens one {@link LoadChannel} per worker, before the phase's clock starts. */
@FunctionalInterface
public interface LoadChannels {
  LoadChannel open() throws Exception;
}
