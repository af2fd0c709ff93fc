package dev.threadhook.bench.load;

/** The request of each unit of HTTP load, by its number. */
@FunctionalInterface
public interface RequestSource {
  Request request(long index);
}
