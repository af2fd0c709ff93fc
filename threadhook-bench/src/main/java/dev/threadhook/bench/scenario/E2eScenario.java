package dev.threadhook.bench.scenario;

import dev.threadhook.bench.ceiling.NoOpServer;
import dev.threadhook.bench.load.HttpConnector;
import dev.threadhook.bench.load.HttpLoad;
import dev.threadhook.bench.load.LoadPlan;
import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.Figure;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.report.Ratios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * {@code e2e}: customers' messages through the channel endpoint at a fixed rate (open model)
 * over many threads, each followed to the webhook it causes at a loopback {@link Receiver}. Per
 * message it measures the time from the request's acknowledgement (its answer read by the load
 * generator) to the receiver having read the webhook, besides the request's own latency; the
 * HTTP ceiling at the same rate gives the request side's ratio.
 *
 * <p>Afterwards, having waited a bounded time for stragglers, every acknowledged message must
 * have been delivered, once (repeats made as retries are reported, and allowed), and each
 * thread's in the order they were acknowledged.
 */
public final class E2eScenario implements Scenario {
  private static final IntPredicate EVERY_ORGANIZATION = organization -> true;

  private final double rate;
  private final Duration settleTimeout;

  /**
   * @param rate messages a second
   * @param settleTimeout how long to wait for the last deliveries once the load has ended
   */
  public E2eScenario(double rate, Duration settleTimeout) {
    if (!(rate > 0)) throw new IllegalArgumentException("--rate must be above 0");
    this.rate = rate;
    this.settleTimeout = settleTimeout;
  }

  @Override
  public String name() {
    return "e2e";
  }

  @Override
  public Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("rate", String.format(Locale.ROOT, "%.0f/s", rate));
    options.put("settle timeout", settleTimeout.toMillis() / 1000.0 + " s");
    return options;
  }

  @Override
  public ScenarioResult run(ScenarioContext context) throws Exception {
    return ChannelToReceiver.run(context, "e2e", this::measure);
  }

  private ScenarioResult measure(ScenarioContext context, HttpConnector connector,
      Receiver receiver, CustomerTraffic traffic) throws Exception {
    LoadSettings load = context.load();
    DeliveryLog log = new DeliveryLog(traffic, List.of(receiver));
    DeliveryAudit audit = new DeliveryAudit(traffic, log);
    PhaseRunner.Tally tally = new PhaseRunner.Tally();
    List<AcknowledgedMessages> phases = new ArrayList<>();
    int warmUpMissing = 0;

    LoadPlan plan = LoadPlan.open("e2e requests", load.connections(), rate, load.duration());
    Optional<PhaseResult> http =
        context.ceilings().http(plan, traffic.requests("noop", NoOpServer.NO_OP_PATH));
    if (!load.warmup().isZero()) {
      context.progress().note("Warming up the server…");
      AcknowledgedMessages warmUp = new AcknowledgedMessages("warm-up");
      phases.add(warmUp);
      context.phases().warmUp(
          LoadPlan.open("e2e warm-up", load.connections(), rate, load.warmup()),
          new HttpLoad(connector, traffic.requests(warmUp.phase()), warmUp), tally);
      // The measured phase starts with no backlog of the warm-up's deliveries, when it can.
      warmUpMissing = log.await(audit.expected(List.of(warmUp), EVERY_ORGANIZATION),
          settleTimeout, context.progress());
    }

    AcknowledgedMessages measured = new AcknowledgedMessages("e2e");
    phases.add(measured);
    PhaseResult requests = context.phases().measure(plan,
        new HttpLoad(connector, traffic.requests(measured.phase()), measured),
        context.target().memory(), tally);
    log.await(audit.expected(phases, EVERY_ORGANIZATION), settleTimeout, context.progress());

    DeliveryAudit.Timing timing = audit.timing(measured, EVERY_ORGANIZATION);
    List<PhaseResult> results = List.of(
        requests.withRatios(Ratios.of(requests, http.orElse(null), null)),
        timing.asPhase("e2e ack→webhook", requests));
    List<Figure> figures = List.of(
        new Figure("warm-up webhooks still missing when measuring began", warmUpMissing, ""),
        new Figure("webhooks read before their answer", timing.readBeforeAcknowledged(), ""),
        new Figure("deliveries not of this run", log.foreign(), ""));
    List<Check> checks = new ArrayList<>();
    checks.add(DeliveryAudit.everyRequestAcknowledged(tally));
    checks.addAll(audit.counts(phases, EVERY_ORGANIZATION).checks(""));
    checks.addAll(context.ceilings().checks());
    return new ScenarioResult(results, figures, checks);
  }

}
