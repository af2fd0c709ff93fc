package dev.threadhook.server;

/** Milliseconds since the epoch; a seam so tests can control time where they must. */
@FunctionalInterface
public interface Clock {
  long millis();

  Clock SYSTEM = System::currentTimeMillis;
}
