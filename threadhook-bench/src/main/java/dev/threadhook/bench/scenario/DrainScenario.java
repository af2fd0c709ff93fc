package dev.threadhook.bench.scenario;

import dev.threadhook.bench.load.HttpConnector;
import dev.threadhook.bench.load.HttpLoad;
import dev.threadhook.bench.load.LoadPlan;
import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.CpuUse;
import dev.threadhook.bench.report.Figure;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.target.CpuSnapshot;
import dev.threadhook.bench.target.RssSampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntPredicate;

/**
 * {@code drain}: the receiver goes down (connections refused), {@code messages} customers'
 * messages are written through the channel endpoint over many threads at the maximum rate, then
 * the receiver comes back and the backlog drains. It reports the time from the come-back to the
 * last delivery and the deliveries a second over it, and separately from the first delivery
 * after the come-back to the last: the difference is what the server's retry waits and circuit
 * breaker held back, the rest its delivery throughput.
 *
 * <p>With a warm-up, the server first takes traffic delivered as it is written, then drains a
 * backlog of a quarter of {@code messages}, so the measured drain runs compiled code.
 *
 * <p>A server started for it gets short webhook waits ({@link ServerTimings}), so the come-back
 * is noticed within about a second; an existing server keeps its own. Afterwards every message
 * must have been delivered, once (but for retries), and each thread's in order.
 */
public final class DrainScenario implements Scenario {
  private static final IntPredicate EVERY_ORGANIZATION = organization -> true;

  /**
   * The webhook settings of a server started for the scenario, as {@code threadhook serve}
   * flags.
   *
   * @param retrySchedule waits before each retry; enough of them that no delivery runs out of
   *     attempts while the receiver is down, since each probe of the breaker spends one
   * @param breakerFailures consecutive failures before the hook is paused
   * @param breakerOpen its first pause
   * @param breakerMaxOpen its longest pause, which bounds the wait after the come-back
   */
  public record ServerTimings(String retrySchedule, int breakerFailures, Duration breakerOpen,
      Duration breakerMaxOpen) {

    /** 100ms, 200ms, 500ms, then 1s: 60 retries within about a minute. */
    public static final String RETRY_SCHEDULE = "100ms,200ms,500ms" + ",1s".repeat(57);

    List<String> serveArguments() {
      return List.of("--webhook-retry-schedule", retrySchedule,
          "--webhook-breaker-failures", Integer.toString(breakerFailures),
          "--webhook-breaker-open", breakerOpen.toMillis() + "ms",
          "--webhook-breaker-max-open", breakerMaxOpen.toMillis() + "ms");
    }
  }

  private final int messages;
  private final Duration timeout;
  private final ServerTimings timings;

  /**
   * @param messages written while the receiver is down
   * @param timeout the longest the writes may take, and the longest the drain may take
   */
  public DrainScenario(int messages, Duration timeout, ServerTimings timings) {
    if (messages < 1) throw new IllegalArgumentException("--messages must be at least 1");
    this.messages = messages;
    this.timeout = timeout;
    this.timings = timings;
  }

  @Override
  public String name() {
    return "drain";
  }

  @Override
  public List<String> serveArguments() {
    return timings.serveArguments();
  }

  @Override
  public Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("messages", Integer.toString(messages));
    options.put("timeout", timeout.toMillis() / 1000.0 + " s");
    return options;
  }

  @Override
  public ScenarioResult run(ScenarioContext context) throws Exception {
    return ChannelToReceiver.run(context, "drain", this::measure);
  }

  private ScenarioResult measure(ScenarioContext context, HttpConnector connector,
      Receiver receiver, CustomerTraffic traffic) throws Exception {
    LoadSettings load = context.load();
    DeliveryLog log = new DeliveryLog(traffic, List.of(receiver));
    DeliveryAudit audit = new DeliveryAudit(traffic, log);
    PhaseRunner.Tally tally = new PhaseRunner.Tally();
    List<AcknowledgedMessages> phases = new ArrayList<>();
    int warmUpMissing = 0;

    if (!load.warmup().isZero()) {
      context.progress().note("Warming up the server, deliveries included…");
      AcknowledgedMessages warmUp = new AcknowledgedMessages("warm-up");
      phases.add(warmUp);
      context.phases().warmUp(
          LoadPlan.closed("drain warm-up", load.connections(), load.warmup()),
          new HttpLoad(connector, traffic.requests(warmUp.phase()), warmUp), tally);
      warmUpMissing = log.await(audit.expected(List.of(warmUp), EVERY_ORGANIZATION), timeout,
          context.progress());

      // The warm-up's messages are delivered as they are written; a backlog runs other code
      // (claims of due heads, hand-overs, the breaker's probes), which the JIT would otherwise
      // still be compiling during the measured drain (a third of a core, profile 29). One small
      // drain first, so the measured one is of a warm server, as the other scenarios' are.
      AcknowledgedMessages warmUpDrain = new AcknowledgedMessages("warm-up-drain");
      phases.add(warmUpDrain);
      int warmUpMessages = Math.max(1, messages / 4);
      receiver.goDown();
      context.progress().note("Warm-up drain: receiver down; writing " + warmUpMessages
          + " messages…");
      context.phases().warmUp(
          LoadPlan.closedCount("drain warm-up writes", load.connections(), warmUpMessages,
              timeout),
          new HttpLoad(connector, traffic.requests(warmUpDrain.phase()), warmUpDrain), tally);
      receiver.comeBack();
      warmUpMissing += log.await(audit.expected(List.of(warmUpDrain), EVERY_ORGANIZATION),
          timeout, context.progress());
    }

    receiver.goDown();
    context.progress().note("Receiver down; writing " + messages + " messages…");
    AcknowledgedMessages written = new AcknowledgedMessages("drain");
    phases.add(written);
    PhaseResult writes = context.phases().measure(
        LoadPlan.closedCount("drain writes", load.connections(), messages, timeout),
        new HttpLoad(connector, traffic.requests(written.phase()), written),
        context.target().memory(), tally);

    Long pid = context.target().memory().map(RssSampler::pid).orElse(null);
    CpuSnapshot before = CpuSnapshot.take(pid);
    long cameBackAt = System.nanoTime();
    long cameBackAtMillis = System.currentTimeMillis();
    receiver.comeBack();
    context.progress().note("Receiver back; draining…");
    log.await(audit.expected(List.of(written), EVERY_ORGANIZATION), timeout, context.progress());
    CpuSnapshot after = CpuSnapshot.take(pid);
    CpuUse cpu = before.until(after);
    OptionalLong rss = context.target().memory()
        .map(m -> m.maxBetween(cameBackAtMillis, System.currentTimeMillis()))
        .orElse(OptionalLong.empty());

    DeliveryAudit.Timing timing = audit.timing(written, EVERY_ORGANIZATION);
    List<Check> checks = new ArrayList<>();
    checks.add(DeliveryAudit.everyRequestAcknowledged(tally));
    checks.addAll(audit.counts(phases, EVERY_ORGANIZATION).checks(""));
    List<Figure> figures = new ArrayList<>();
    // A warm-up backlog still draining would be counted as the drain's: the figures would lie.
    figures.add(new Figure("warm-up webhooks still missing when the receiver went down",
        warmUpMissing, ""));
    figures.addAll(figures(timing, cameBackAt, cpu, rss));
    if (pid != null && timing.delivered() > 0) {
      boolean postgres = "postgresql".equals(context.target().info().database());
      figures.addAll(cpuPerDelivery(before, after, timing, postgres));
    }
    return new ScenarioResult(List.of(writes), figures, checks);
  }

  /**
   * The drain's figures. From the come-back, deliveries a second are all of them over the time
   * to the last; from the first delivery, the ones after it over the time between them.
   */
  private static List<Figure> figures(
      DeliveryAudit.Timing timing, long cameBackAt, CpuUse cpu, OptionalLong rss) {
    List<Figure> figures = new ArrayList<>();
    long delivered = timing.delivered();
    figures.add(new Figure("messages written while the receiver was down",
        timing.acknowledged(), ""));
    figures.add(new Figure("delivered after it came back", delivered, ""));
    if (delivered > 0) {
      double toFirst = seconds(timing.firstArrivalNanos() - cameBackAt);
      double toLast = seconds(timing.lastArrivalNanos() - cameBackAt);
      double firstToLast = seconds(timing.lastArrivalNanos() - timing.firstArrivalNanos());
      figures.add(new Figure("come-back → first delivery", toFirst, "s"));
      figures.add(new Figure("come-back → last delivery", toLast, "s"));
      figures.add(new Figure("deliveries a second from the come-back",
          toLast > 0 ? delivered / toLast : 0, "/s"));
      figures.add(new Figure("first → last delivery", firstToLast, "s"));
      figures.add(new Figure("deliveries a second from the first delivery",
          firstToLast > 0 ? (delivered - 1) / firstToLast : 0, "/s"));
    }
    if (cpu != null) {
      figures.add(new Figure("server CPU while draining", cpu.target(), "cores"));
      // The receiver runs in this JVM: what it takes of the machine's cores the server cannot have.
      figures.add(new Figure("load generator (the receiver) CPU while draining",
          cpu.loadGenerator(), "cores"));
      figures.add(new Figure("PostgreSQL CPU while draining", cpu.postgres(), "cores"));
      figures.add(new Figure("other processes' CPU while draining", cpu.other(), "cores"));
    }
    if (rss.isPresent()) {
      figures.add(new Figure("server RSS max while draining", rss.getAsLong() / 1048576.0, "MB"));
    }
    return figures;
  }

  /**
   * The server's CPU time over the deliveries, from the come-back to the last: on a shared
   * machine, whose neighbours change how fast a drain runs from one run to the next, what a build
   * spends per delivery varies much less than its deliveries a second
   * (docs/benchmarks-history.md, ninth session). On PostgreSQL the database's share is counted
   * too, as it does part of the work.
   */
  private static List<Figure> cpuPerDelivery(CpuSnapshot before, CpuSnapshot after,
      DeliveryAudit.Timing timing, boolean onPostgres) {
    double server = before.targetSecondsUntil(after);
    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure("server CPU per delivery", server / timing.delivered() * 1e6, "µs"));
    if (onPostgres) {
      double postgres = before.postgresSecondsUntil(after);
      figures.add(new Figure("server and PostgreSQL CPU per delivery",
          (server + postgres) / timing.delivered() * 1e6, "µs"));
    }
    return figures;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

}
