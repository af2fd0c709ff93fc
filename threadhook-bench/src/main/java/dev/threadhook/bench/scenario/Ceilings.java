package dev.threadhook.bench.scenario;

import dev.threadhook.bench.ceiling.DatabaseCeiling;
import dev.threadhook.bench.ceiling.HttpCeiling;
import dev.threadhook.bench.load.HttpConnector;
import dev.threadhook.bench.load.HttpLoad;
import dev.threadhook.bench.load.LoadPlan;
import dev.threadhook.bench.load.Progress;
import dev.threadhook.bench.load.RequestSource;
import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.target.FreshDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ceilings of this machine, measured in the same run as the results they are set against:
 * the no-op endpoint on the server's HTTP stack, and plain JDBC transactions on a fresh database
 * of the server's kind. Each is warmed up before its first measurement, and checked afterwards
 * to have done what it counted.
 */
public final class Ceilings implements AutoCloseable {
  private final CeilingSettings settings;
  private final LoadSettings load;
  private final PhaseRunner phases;
  private final Progress progress;
  private final List<PhaseResult> measured = new ArrayList<>();
  private final List<Check> checks = new ArrayList<>();
  private final PhaseRunner.Tally noOpTally = new PhaseRunner.Tally();
  private HttpCeiling noOp;
  private HttpConnector noOpConnector;

  public Ceilings(
      CeilingSettings settings, LoadSettings load, PhaseRunner phases, Progress progress) {
    this.settings = settings;
    this.load = load;
    this.phases = phases;
    this.progress = progress;
  }

  /**
   * The no-op endpoint under {@code plan} (renamed "http ceiling"), with the same requests as
   * the measured endpoint gets, sent to {@link dev.threadhook.bench.ceiling.NoOpServer#NO_OP_PATH};
   * empty when the HTTP ceiling is off.
   */
  public Optional<PhaseResult> http(LoadPlan plan, RequestSource noOpRequests) throws Exception {
    if (!settings.http()) return Optional.empty();
    HttpConnector connector = startedNoOp(noOpRequests);
    PhaseResult result = phases.measure(rename(plan, "http ceiling"),
        new HttpLoad(connector, noOpRequests), Optional.of(noOp.memory()), noOpTally);
    measured.add(result);
    return Optional.of(result);
  }

  /** The no-op server's connector, starting and warming up the server the first time. */
  private HttpConnector startedNoOp(RequestSource warmUpRequests) throws Exception {
    if (noOp != null) return noOpConnector;
    progress.note("Starting the no-op HTTP server (the HTTP ceiling)…");
    noOp = HttpCeiling.start(settings.jvmOptions(), settings.logDir().resolve("noop-server.log"));
    noOpConnector = load.client().connector(noOp.baseUrl());
    progress.note("  ready in " + noOp.readyMillis() + " ms");
    if (!load.warmup().isZero()) {
      phases.warmUp(LoadPlan.closed("http ceiling warm-up", load.connections(), load.warmup()),
          new HttpLoad(noOpConnector, warmUpRequests), noOpTally);
    }
    return noOpConnector;
  }

  /**
   * Plain JDBC at its maximum (closed model, one worker per connection of the load) over
   * {@code threads} customer threads; empty when the database ceiling is off.
   */
  public Optional<PhaseResult> database(int threads) throws Exception {
    if (settings.database() == null) return Optional.empty();
    progress.note("Preparing a fresh " + settings.database() + " database (the database ceiling)…");
    PhaseRunner.Tally tally = new PhaseRunner.Tally();
    try (DatabaseCeiling ceiling = DatabaseCeiling.prepare(
        FreshDatabase.create(settings.database(), settings.postgres()), threads)) {
      if (!load.warmup().isZero()) {
        phases.warmUp(LoadPlan.closed("database ceiling warm-up", load.connections(),
            load.warmup()), ceiling.transactions(), tally);
      }
      PhaseResult result = phases.measure(
          LoadPlan.closed("database ceiling", load.connections(), load.duration()),
          ceiling.transactions(), Optional.empty(), tally);
      long stored = ceiling.storedMessages();
      checks.add(countCheck("every committed ceiling transaction left its rows", tally, stored,
          "messages with their outbox row in the ceiling's database"));
      measured.add(result);
      return Optional.of(result);
    }
  }

  public List<PhaseResult> measured() {
    return List.copyOf(measured);
  }

  /** The checks of the ceilings measured so far. */
  public List<Check> checks() {
    List<Check> all = new ArrayList<>(checks);
    if (noOp != null) {
      all.add(countCheck("the no-op server received every acknowledged request", noOpTally,
          noOp.received(), "requests the no-op server counted"));
    }
    return all;
  }

  static Check countCheck(String name, PhaseRunner.Tally tally, long stored, String storedMeans) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sent", tally.sent());
    counts.put("acknowledged", tally.acknowledged());
    counts.put("stored", stored);
    boolean passed = tally.sent() == tally.acknowledged() && tally.acknowledged() == stored;
    return new Check(name, passed, counts, "stored: " + storedMeans);
  }

  private static LoadPlan rename(LoadPlan plan, String name) {
    return new LoadPlan(name, plan.model(), plan.workers(), plan.ratePerSecond(), plan.duration(),
        plan.maxUnits());
  }

  @Override
  public void close() {
    if (noOpConnector != null) noOpConnector.close();
    if (noOp != null) noOp.close();
  }
}
