package dev.threadhook.bench.report;

/**
 * A number a scenario reports beside its phases, when it is not a phase's: how long a backlog
 * took to drain, a ratio between two phases.
 *
 * @param unit {@code s}, {@code /s}, {@code ×}, or empty for a count
 */
public record Figure(String name, double value, String unit) {}
