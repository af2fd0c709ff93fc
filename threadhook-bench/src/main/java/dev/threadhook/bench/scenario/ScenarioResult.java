package dev.threadhook.bench.scenario;

import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.Figure;
import dev.threadhook.bench.report.PhaseResult;
import java.util.List;

/**
 * A scenario's measured phases (with their ratios to the ceilings), the figures it reports
 * beside them, and its checks.
 */
public record ScenarioResult(List<PhaseResult> phases, List<Figure> figures, List<Check> checks) {

  public ScenarioResult(List<PhaseResult> phases, List<Check> checks) {
    this(phases, List.of(), checks);
  }
}
