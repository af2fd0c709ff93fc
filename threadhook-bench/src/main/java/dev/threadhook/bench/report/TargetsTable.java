package dev.threadhook.bench.report;

import java.io.PrintStream;

/** {@code targets}' last table: each target on each database, what was measured, met or not. */
public final class TargetsTable {

  public void print(TargetsReport report, PrintStream out) {
    Machine machine = report.machine();
    out.printf("%nthe targets of issue 5 — %d CPUs, %s; %s%n", machine.cpus(), machine.cpuModel(),
        report.repeat() == 1 ? "one run of each scenario" : "medians of " + report.repeat()
            + " runs of each scenario");
    if (report.quick()) {
      out.println("--quick: phases of a second at a few messages a second, so these numbers"
          + " say nothing of the targets");
    }
    int targetWidth = "target".length();
    int databaseWidth = "database".length();
    int measuredWidth = "measured".length();
    for (TargetVerdict v : report.verdicts()) {
      targetWidth = Math.max(targetWidth, v.target().length());
      databaseWidth = Math.max(databaseWidth, v.database().length());
      measuredWidth = Math.max(measuredWidth, v.measured().length());
    }
    out.println(ResultTable.pad("target", targetWidth) + "  "
        + ResultTable.pad("database", databaseWidth) + "  "
        + ResultTable.pad("measured", measuredWidth) + "  met");
    for (TargetVerdict v : report.verdicts()) {
      out.println(ResultTable.pad(v.target(), targetWidth) + "  "
          + ResultTable.pad(v.database(), databaseWidth) + "  "
          + ResultTable.pad(v.measured(), measuredWidth) + "  " + (v.met() ? "yes" : "NO"));
    }
    out.println(report.checksPassed()
        ? "every run passed every check: every message stored and delivered, once, in order"
        : "FAILED: a run failed a check (see its table above); no verdict counts");
    long met = report.verdicts().stream().filter(TargetVerdict::met).count();
    out.printf("%d of %d targets met%n", report.checksPassed() ? met : 0,
        report.verdicts().size());
  }
}
