package dev.threadhook.bench.report;

import java.util.List;

/** Everything one run measured: written as JSON and printed as a table. */
public record RunReport(
    String tool,
    String version,
    String scenario,
    String startedAt,
    Machine machine,
    TargetInfo target,
    Settings settings,
    List<PhaseResult> ceilings,
    List<PhaseResult> phases,
    List<Figure> figures,
    List<Check> checks) {

  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }
}
