package dev.threadhook.bench.scenario;

import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.PhaseResult;
import java.util.List;

/** A scenario's measured phases (with their ratios to the ceilings) and its checks. */
public record ScenarioResult(List<PhaseResult> phases, List<Check> checks) {}
