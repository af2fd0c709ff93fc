package dev.threadhook.bench.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --repeat}'s last table: each phase's and figure's median over the runs, with the
 * slowest and fastest run beside it ("4,746/s (4,545–5,671)").
 */
public final class SummaryTable {

  public void print(RepeatSummary summary, PrintStream out) {
    out.printf("%n%s over %d runs: median (lowest–highest)%n", summary.scenario(),
        summary.runs());
    List<String[]> lines = new ArrayList<>();
    if (summary.readyMillis() != null) {
      lines.add(line("ready", summary.readyMillis(), "ms", 0));
    }
    if (summary.maxRssMegabytes() != null) {
      lines.add(line("max RSS", summary.maxRssMegabytes(), "MB"));
    }
    for (RepeatSummary.PhaseSpread phase : summary.phases()) {
      lines.add(line(phase.name() + ": per s", phase.throughput(), "/s"));
      lines.add(line(phase.name() + ": p50", phase.p50Millis(), "ms"));
      lines.add(line(phase.name() + ": p99", phase.p99Millis(), "ms"));
      if (phase.toDatabaseCeiling() != null) {
        lines.add(line(phase.name() + ": × database ceiling", phase.toDatabaseCeiling(), "×"));
      }
    }
    for (RepeatSummary.FigureSpread figure : summary.figures()) {
      lines.add(line(figure.name(), figure.value(), figure.unit()));
    }
    int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
    for (String[] l : lines) out.println(ResultTable.pad(l[0], width) + "  " + l[1]);
    out.printf("%d of %d runs passed every check%n", summary.runsPassed(), summary.runs());
  }

  /** With the decimals the single run's table shows the unit with. */
  private static String[] line(String name, Spread spread, String unit) {
    return line(name, spread, unit, ResultTable.decimals(unit));
  }

  /** "4,746/s (4,545–5,671)": the median in its unit, then the lowest and highest run. */
  private static String[] line(String name, Spread spread, String unit, int decimals) {
    return new String[] {name, ResultTable.number(spread.median(), decimals)
        + ResultTable.suffix(unit) + " (" + ResultTable.number(spread.min(), decimals) + "–"
        + ResultTable.number(spread.max(), decimals) + ")"};
  }
}
