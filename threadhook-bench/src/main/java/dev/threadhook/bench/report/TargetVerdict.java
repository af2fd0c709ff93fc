package dev.threadhook.bench.report;

/**
 * One target of issue 5 on one database: what the runs measured (medians over {@code --repeat}
 * runs; the largest of them for the bounds every run must keep) and whether it met the target.
 *
 * @param measured as the table shows it, or "not measured" when no run had the number
 */
public record TargetVerdict(String target, String database, String measured, boolean met) {}
