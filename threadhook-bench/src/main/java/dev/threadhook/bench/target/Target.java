package dev.threadhook.bench.target;

import dev.threadhook.bench.report.TargetInfo;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The server under load, with what the scenarios need to call it. */
public interface Target extends AutoCloseable {
  URI baseUrl();

  /** A bot's API token: it sees every store of its organization. */
  String botToken();

  /** A store's channel key, to create customer threads with; empty when not known. */
  Optional<String> channelKey();

  /** Customer threads to use as they are; empty when the scenario is to create its own. */
  List<Long> threadIds();

  /** The server process's memory, when it is a local process. */
  Optional<RssSampler> memory();

  /** Whether this run started the server (and so may change its settings freely). */
  boolean startedHere();

  /**
   * The server's admin command line on its database, to create organizations with; empty for an
   * existing server whose database was not named.
   */
  default Optional<ServerAdmin> admin() {
    return Optional.empty();
  }

  /** What the report says about the target, with the largest resident set seen so far. */
  TargetInfo info();

  @Override
  void close();
}
