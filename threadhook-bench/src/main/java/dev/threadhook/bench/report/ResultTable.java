package dev.threadhook.bench.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A run as a table for the terminal: the ceilings first, then the scenario's phases. */
public final class ResultTable {
  private static final String[] HEADER = {"phase", "model", "rate/s", "conn", "sent", "ok",
      "failed", "per s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "RSS MB", "CPU srv/gen/pg/other",
      "×HTTP", "×DB", "p99/HTTP"};

  public void print(RunReport report, PrintStream out) {
    TargetInfo target = report.target();
    out.printf(Locale.ROOT, "%n%s on %s — %s%n", report.scenario(),
        target.database() == null ? target.url() : target.database(), describe(target));
    Machine m = report.machine();
    out.printf(Locale.ROOT, "machine: %d CPUs, %s, %.1f GB, %s; client: %s%n", m.cpus(),
        m.cpuModel(), m.memoryBytes() / 1e9, m.jdk(), report.settings().client());
    if (!target.serveArguments().isEmpty()) {
      out.println("server flags: " + String.join(" ", target.serveArguments()));
    }
    if (!report.settings().scenario().isEmpty()) {
      List<String> settings = new ArrayList<>();
      report.settings().scenario().forEach((name, value) -> settings.add(name + " " + value));
      out.println("settings: " + String.join(", ", settings));
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    report.ceilings().forEach(p -> rows.add(row(p)));
    report.phases().forEach(p -> rows.add(row(p)));
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
    }
    out.println();
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < HEADER.length; i++) {
        String cell = rows.get(r)[i];
        line.append(i == 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append("  ");
      }
      out.println(line.toString().stripTrailing());
      if (r == report.ceilings().size() && r > 0 && !report.phases().isEmpty()) {
        // a rule between the ceilings and the results
        out.println("-".repeat(line.toString().stripTrailing().length()));
      }
    }
    out.println();
    if (!report.figures().isEmpty()) {
      int width = report.figures().stream().mapToInt(f -> f.name().length()).max().orElse(0);
      for (Figure figure : report.figures()) {
        out.println(pad(figure.name(), width) + "  " + value(figure.value(), figure.unit()));
      }
      out.println();
    }
    for (Check check : report.checks()) {
      out.printf("%s %s: %s%n", check.passed() ? "ok  " : "FAIL", check.name(), check.counts());
    }
  }

  private static String describe(TargetInfo t) {
    List<String> parts = new ArrayList<>();
    parts.add(t.kind() + " server");
    if (t.readyMillis() != null) {
      parts.add("ready in " + t.readyMillis() + " ms (" + t.classDataArchive() + ")");
    }
    if (t.idleRssBytes() != null) parts.add("idle RSS " + mb(t.idleRssBytes()) + " MB");
    if (t.maxRssBytes() != null) parts.add("max RSS " + mb(t.maxRssBytes()) + " MB");
    if (!t.jvmOptions().isEmpty()) parts.add("JVM " + String.join(" ", t.jvmOptions()));
    return String.join(", ", parts);
  }

  private static String[] row(PhaseResult p) {
    Ratios r = p.ratios();
    return new String[] {p.name(), p.model(),
        p.targetRate() == null ? "max" : number(p.targetRate(), 0), Integer.toString(p.connections()),
        number(p.sent(), 0), number(p.acknowledged(), 0), number(p.failed() + p.unsent(), 0),
        number(p.throughput(), 0), number(p.latency().p50(), 2), number(p.latency().p90(), 2),
        number(p.latency().p99(), 2), number(p.latency().p999(), 2),
        number(p.latency().max(), 1),
        p.serverRssMaxBytes() == null ? "-" : Long.toString(mb(p.serverRssMaxBytes())),
        cpu(p.cpu()),
        ratio(r == null ? null : r.throughputToHttpCeiling()),
        ratio(r == null ? null : r.throughputToDatabaseCeiling()),
        ratio(r == null ? null : r.p99ToHttpCeiling())};
  }

  /** A figure's value in its unit: "1.23 s", "2,026/s", "1.05×", "17". */
  static String value(double value, String unit) {
    return number(value, decimals(unit)) + suffix(unit);
  }

  /** The decimals a value in {@code unit} is shown with. */
  static int decimals(String unit) {
    return switch (unit) {
      case "s", "×", "ms", "cores" -> 2;
      default -> 0;
    };
  }

  /** What follows a value in {@code unit}: "/s" and "×" close up, other units after a space. */
  static String suffix(String unit) {
    return switch (unit) {
      case "/s", "×", "" -> unit;
      default -> " " + unit;
    };
  }

  private static String cpu(CpuUse cpu) {
    return cpu == null ? "-" : String.format(Locale.ROOT, "%.1f/%.1f/%.1f/%.1f",
        cpu.target(), cpu.loadGenerator(), cpu.postgres(), cpu.other());
  }

  private static String ratio(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  private static long mb(long bytes) {
    return Math.round(bytes / (1024.0 * 1024));
  }

  static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return " ".repeat(width - s.length()) + s;
  }
}
