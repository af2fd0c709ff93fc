package dev.threadhook.server.cli;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the server before the JVM's shutdown begins, then exit as the JVM would
 * have (128 + the signal's number). The embedded H2 closes its database from a shutdown hook of
 * its own, which runs at the same time as any hook of ours: a server stopped from a shutdown hook
 * raced it, and lost its last attempts' outcomes and the hand-back of its claims (with a warning
 * and a stack trace, on 3 of 4 stops measured). The server's shutdown hook stays, for every other
 * way the JVM ends. A second signal while the server stops halts the JVM at once.
 */
final class StopSignals {
  private StopSignals() {}

  static void install(Runnable stop) {
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(new Signal(name), signal -> {
        int status = 128 + signal.getNumber();
        if (stopping.getAndSet(true)) Runtime.getRuntime().halt(status);
        try {
          stop.run();
        } finally {
          System.exit(status);
        }
      });
    }
  }
}
