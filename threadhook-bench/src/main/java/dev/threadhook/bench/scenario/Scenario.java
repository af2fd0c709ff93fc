package dev.threadhook.bench.scenario;

import java.util.List;
import java.util.Map;

/**
 * A way of loading a Threadhook server (send, e2e, drain, fanout): it sets up its data on the
 * target, measures its phases and the ceilings they are compared with, and checks afterwards
 * that the server did what it acknowledged.
 */
public interface Scenario {
  /** The name of its command and of its result files. */
  String name();

  /**
   * Options for {@code threadhook serve} that a server started for this scenario gets besides
   * the usual ones (shorter webhook waits, say); an existing server keeps its own.
   */
  default List<String> serveArguments() {
    return List.of();
  }

  /** The scenario's own settings, for the report. */
  default Map<String, String> options() {
    return Map.of();
  }

  ScenarioResult run(ScenarioContext context) throws Exception;
}
