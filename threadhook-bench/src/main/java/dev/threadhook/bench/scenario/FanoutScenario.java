package dev.threadhook.bench.scenario;

import dev.threadhook.bench.load.HttpConnector;
import dev.threadhook.bench.load.HttpLoad;
import dev.threadhook.bench.load.LoadPlan;
import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.Figure;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.target.ServerAdmin;
import dev.threadhook.bench.target.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * {@code fanout}: several organizations, each with its own loopback {@link Receiver}, get
 * customers' messages at one fixed total rate (open model) spread over all their threads. It
 * runs twice: a baseline with every receiver answering, then with the first organization's
 * receiver hanging (it reads each delivery and never answers, so each attempt lasts the
 * server's request timeout). The healthy organizations' ack-to-webhook latency in both phases,
 * and the ratio of their p99s, say how much one stuck endpoint slows everyone else.
 *
 * <p>The organizations are created with the server's admin command line on its database: on a
 * server the run starts, or on a running one whose database was named; a running one keeps
 * them, their hooks paused when the run ends. Every healthy organization's messages must be
 * delivered, once (but for retries), in order; the hanging one's only in the baseline.
 */
public final class FanoutScenario implements Scenario {
  /** Channel-endpoint calls in flight while the threads are created. */
  private static final int SEEDING_CONNECTIONS = 8;
  /** The organization whose receiver hangs in the second phase. */
  private static final int HANGING = 0;
  private static final IntPredicate EVERY_ORGANIZATION = organization -> true;
  private static final IntPredicate HEALTHY = organization -> organization != HANGING;

  private final int organizations;
  private final double rate;
  private final Duration requestTimeout;
  private final Duration settleTimeout;

  /**
   * @param organizations at least 2: one hangs, the others are measured
   * @param rate messages a second, to all organizations together
   * @param requestTimeout the server's webhook request timeout: how long a hanging attempt lasts
   * @param settleTimeout how long to wait for the last deliveries after each phase
   */
  public FanoutScenario(
      int organizations, double rate, Duration requestTimeout, Duration settleTimeout) {
    if (organizations < 2) throw new IllegalArgumentException("--organizations must be at least 2");
    if (!(rate > 0)) throw new IllegalArgumentException("--rate must be above 0");
    this.organizations = organizations;
    this.rate = rate;
    this.requestTimeout = requestTimeout;
    this.settleTimeout = settleTimeout;
  }

  @Override
  public String name() {
    return "fanout";
  }

  @Override
  public List<String> serveArguments() {
    return List.of("--webhook-request-timeout", requestTimeout.toMillis() + "ms");
  }

  @Override
  public Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("organizations", Integer.toString(organizations));
    options.put("rate", String.format(Locale.ROOT, "%.0f/s", rate));
    options.put("settle timeout", settleTimeout.toMillis() / 1000.0 + " s");
    return options;
  }

  @Override
  public ScenarioResult run(ScenarioContext context) throws Exception {
    Target target = context.target();
    ServerAdmin admin = target.admin().orElseThrow(() -> new IllegalArgumentException(
        "fanout makes its organizations with the server's admin command line: with --url, name"
            + " the server's database with --server-data-dir or --server-db-url"));
    List<Receiver> receivers = new ArrayList<>();
    List<String> adminTokens = new ArrayList<>();
    try (HttpConnector connector = context.load().client().connector(target.baseUrl())) {
      for (int i = 0; i < organizations; i++) receivers.add(Receiver.start());
      CustomerTraffic traffic =
          new CustomerTraffic(organizations(context, admin, receivers, adminTokens));
      return measure(context, connector, receivers, traffic);
    } finally {
      // A server that outlives the run would go on retrying into receivers that are gone.
      if (!target.startedHere()) pauseHooks(context, adminTokens);
      receivers.forEach(Receiver::close);
    }
  }

  private static void pauseHooks(ScenarioContext context, List<String> adminTokens) {
    for (String token : adminTokens) {
      try (ThreadhookApi api = new ThreadhookApi(context.target().baseUrl(), token)) {
        api.pauseHook(true);
      } catch (IOException | RuntimeException e) {
        context.progress().note("Could not pause a fanout organization's hook: " + e);
      }
    }
  }

  /** Creates each organization with a store, a channel key, its threads and its hook URL. */
  private List<CustomerTraffic.Organization> organizations(ScenarioContext context,
      ServerAdmin admin, List<Receiver> receivers, List<String> adminTokens) throws Exception {
    int threads = Math.max(1, context.load().threads() / organizations);
    List<CustomerTraffic.Organization> created = new ArrayList<>();
    for (int i = 0; i < organizations; i++) {
      context.progress().note("Creating organization " + (i + 1) + " of " + organizations
          + " with " + threads + " customer threads…");
      ServerAdmin.Organization organization =
          admin.createOrganization("bench fanout " + (i + 1), "bench admin");
      adminTokens.add(organization.adminToken());
      try (ThreadhookApi api =
          new ThreadhookApi(context.target().baseUrl(), organization.adminToken())) {
        String channelKey = api.createChannelKey(api.createStore("bench"), "bench");
        List<Long> threadIds = api.customerThreads(channelKey, threads, SEEDING_CONNECTIONS);
        api.setHookUrl(receivers.get(i).url());
        created.add(new CustomerTraffic.Organization(channelKey, threadIds));
      }
    }
    return created;
  }

  private ScenarioResult measure(ScenarioContext context, HttpConnector connector,
      List<Receiver> receivers, CustomerTraffic traffic) throws Exception {
    LoadSettings load = context.load();
    DeliveryLog log = new DeliveryLog(traffic, receivers);
    DeliveryAudit audit = new DeliveryAudit(traffic, log);
    PhaseRunner.Tally tally = new PhaseRunner.Tally();
    List<AcknowledgedMessages> healthyPhases = new ArrayList<>();
    int warmUpMissing = 0;

    if (!load.warmup().isZero()) {
      context.progress().note("Warming up the server…");
      AcknowledgedMessages warmUp = new AcknowledgedMessages("warm-up");
      healthyPhases.add(warmUp);
      context.phases().warmUp(
          LoadPlan.open("fanout warm-up", load.connections(), rate, load.warmup()),
          new HttpLoad(connector, traffic.requests(warmUp.phase()), warmUp), tally);
      warmUpMissing = log.await(audit.expected(List.of(warmUp), EVERY_ORGANIZATION),
          settleTimeout, context.progress());
    }

    AcknowledgedMessages baseline = new AcknowledgedMessages("baseline");
    healthyPhases.add(baseline);
    PhaseResult baselineRequests = context.phases().measure(
        LoadPlan.open("baseline requests", load.connections(), rate, load.duration()),
        new HttpLoad(connector, traffic.requests(baseline.phase()), baseline),
        context.target().memory(), tally);
    int baselineMissing = log.await(audit.expected(List.of(baseline), EVERY_ORGANIZATION),
        settleTimeout, context.progress());

    receivers.get(HANGING).hang();
    context.progress().note("Organization " + (HANGING + 1) + "'s receiver hangs from now on");
    AcknowledgedMessages hanging = new AcknowledgedMessages("hanging");
    PhaseResult hangingRequests = context.phases().measure(
        LoadPlan.open("1 hanging requests", load.connections(), rate, load.duration()),
        new HttpLoad(connector, traffic.requests(hanging.phase()), hanging),
        context.target().memory(), tally);
    log.await(audit.expected(List.of(hanging), HEALTHY), settleTimeout, context.progress());

    // Both phases' latency over the same organizations: those that stay healthy.
    DeliveryAudit.Timing baselineTiming = audit.timing(baseline, HEALTHY);
    DeliveryAudit.Timing hangingTiming = audit.timing(hanging, HEALTHY);
    PhaseResult baselineDeliveries =
        baselineTiming.asPhase("baseline ack→webhook", baselineRequests);
    PhaseResult hangingDeliveries =
        hangingTiming.asPhase("1 hanging ack→webhook", hangingRequests);

    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure("warm-up webhooks still missing when the baseline began",
        warmUpMissing, ""));
    figures.add(new Figure("baseline webhooks still missing when one receiver hung",
        baselineMissing, ""));
    double baselineP99 = baselineDeliveries.latency().p99();
    if (baselineP99 > 0) {
      figures.add(new Figure("healthy p99, hanging / baseline",
          hangingDeliveries.latency().p99() / baselineP99, "×"));
    }
    figures.add(new Figure("attempts left hanging", receivers.get(HANGING).arrivals().stream()
        .filter(a -> a.answeredWith() == -1).count(), ""));
    figures.add(new Figure("hanging organization's messages meanwhile",
        audit.timing(hanging, organization -> organization == HANGING).acknowledged(), ""));

    List<Check> checks = new ArrayList<>();
    checks.add(DeliveryAudit.everyRequestAcknowledged(tally));
    List<AcknowledgedMessages> allPhases = new ArrayList<>(healthyPhases);
    allPhases.add(hanging);
    for (int i = 0; i < organizations; i++) {
      int organization = i;
      boolean hangs = organization == HANGING;
      checks.add(audit.counts(hangs ? healthyPhases : allPhases, o -> o == organization)
          .combined("organization " + (organization + 1)
              + (hangs ? ", before it hung," : "") + " got every message once, in order"));
    }
    return new ScenarioResult(List.of(baselineRequests, baselineDeliveries, hangingRequests,
        hangingDeliveries), figures, checks);
  }

}
