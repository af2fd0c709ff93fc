package dev.threadhook.bench.scenario;

import dev.threadhook.bench.target.DatabaseChoice;
import dev.threadhook.server.storage.PostgresServer;
import java.nio.file.Path;
import java.util.List;

/**
 * Which ceilings a run measures, and how.
 *
 * @param http whether to measure the no-op HTTP endpoint
 * @param database the database to measure plain JDBC on, or null for none
 * @param jvmOptions the no-op server's JVM options: the server's
 * @param logDir where the no-op server's output goes
 */
public record CeilingSettings(
    boolean http,
    DatabaseChoice database,
    PostgresServer postgres,
    List<String> jvmOptions,
    Path logDir) {}
