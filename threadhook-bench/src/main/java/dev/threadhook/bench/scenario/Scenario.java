package dev.threadhook.bench.scenario;

/**
 * A way of loading a Threadhook server (send, and later e2e, drain, fanout): it sets up its
 * data on the target, measures its phases and the ceilings they are compared with, and checks
 * afterwards that the server did what it acknowledged.
 */
public interface Scenario {
  /** The name of its command and of its result files. */
  String name();

  ScenarioResult run(ScenarioContext context) throws Exception;
}
