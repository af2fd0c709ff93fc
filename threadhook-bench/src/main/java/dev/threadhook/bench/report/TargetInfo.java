package dev.threadhook.bench.report;

import java.util.List;

/**
 * The server measured.
 *
 * @param kind {@code started} (a JVM this run started from the shaded jar) or {@code existing}
 * @param database {@code h2} or {@code postgresql}; null for an existing server
 * @param jvmOptions the server JVM's options, when this run started it (the class-data archive's
 *     aside)
 * @param serveArguments the options given to {@code threadhook serve} besides those every
 *     started server gets (port, database, {@code --demo --rate-limit 0}): the scenario's own,
 *     such as short webhook retry waits, then {@code --serve-options}; empty for an existing
 *     server
 * @param classDataArchive what this start started from: {@code AOT cache read} (JDK 25 and
 *     later), {@code class-data archive read}, {@code class-data archive written when the server
 *     exits} (a start without either, so a slower one), or {@code class-data archive off}
 * @param readyMillis process start to the first {@code GET /healthz} answering 200
 * @param idleRssBytes resident set once ready, before any load
 * @param maxRssBytes largest resident set seen during the whole run
 */
public record TargetInfo(
    String kind,
    String url,
    String database,
    List<String> jvmOptions,
    List<String> serveArguments,
    String classDataArchive,
    Long readyMillis,
    Long idleRssBytes,
    Long maxRssBytes) {}
