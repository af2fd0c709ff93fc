package dev.threadhook.bench.report;

/**
 * CPU cores used on average during a phase.
 *
 * @param machine every process on the machine
 * @param target the process under load (the server, the no-op server); 0 for the database
 *     ceiling, whose JDBC runs in the load generator
 * @param loadGenerator this tool's JVM
 * @param postgres PostgreSQL's processes
 * @param other everything else: on an idle machine close to 0, so a phase with more was
 *     measured under outside contention
 */
public record CpuUse(
    double machine, double target, double loadGenerator, double postgres, double other) {}
