package dev.threadhook.bench.report;

import java.util.Map;

/**
 * A correctness check made after the load: {@code every acknowledged message is stored}, with
 * the counts it compared.
 */
public record Check(String name, boolean passed, Map<String, Long> counts, String detail) {}
