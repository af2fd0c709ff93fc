package dev.threadhook.server.conversations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What never changes about the threads written to most recently: each thread's organization,
 * store and customer, and which thread a store's customer writes to. Nothing updates those
 * columns and nothing deletes a thread, and a customer keeps the thread they have in a store, so
 * a remembered fact cannot go stale, on one node or several: each message then skips the reads
 * that would find them again (docs/benchmarks.md, profile 27). The least recently used are
 * forgotten first.
 */
final class KnownThreads {
  /** A thread's columns that never change. */
  record Facts(long id, long organizationId, long storeId, long customerId) {}

  private record Customer(long storeId, String externalId) {}

  private final Map<Long, Facts> threads;
  private final Map<Customer, Long> customerThreads;

  KnownThreads(int capacity) {
    this.threads = lru(capacity);
    this.customerThreads = lru(capacity);
  }

  /** The thread's facts, or null when not remembered. */
  Facts thread(long threadId) {
    synchronized (threads) {
      return threads.get(threadId);
    }
  }

  void remember(Facts facts) {
    synchronized (threads) {
      threads.put(facts.id(), facts);
    }
  }

  /** The thread of the store's customer with this channel id, or null when not remembered. */
  Long customerThread(long storeId, String externalId) {
    synchronized (customerThreads) {
      return customerThreads.get(new Customer(storeId, externalId));
    }
  }

  void rememberCustomerThread(long storeId, String externalId, long threadId) {
    synchronized (customerThreads) {
      customerThreads.put(new Customer(storeId, externalId), threadId);
    }
  }

  private static <K, V> Map<K, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
