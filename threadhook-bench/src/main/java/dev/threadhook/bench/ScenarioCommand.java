package dev.threadhook.bench;

/** A scenario's command: what its options describe, as a run that {@code targets} can start. */
interface ScenarioCommand {
  BenchRun benchRun();
}
