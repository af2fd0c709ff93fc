package dev.threadhook.bench.scenario;

import dev.threadhook.bench.ceiling.NoOpServer;
import dev.threadhook.bench.load.HttpConnector;
import dev.threadhook.bench.load.HttpLoad;
import dev.threadhook.bench.load.LoadPlan;
import dev.threadhook.bench.load.Request;
import dev.threadhook.bench.load.RequestSource;
import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.report.Ratios;
import dev.threadhook.bench.target.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code send}: bots' messages through {@code POST /api/send-message-to-customer-thread}, spread
 * round-robin over many customer threads — first at the maximum rate (closed model), then at
 * each fixed rate asked for (open model). Each phase is set against the no-op endpoint under the
 * same load and against plain JDBC. Afterwards every acknowledged message must be in its thread.
 *
 * <p>On a server this run started, the organization's hook URL points at a loopback
 * {@link Receiver}, so each message writes its webhook outbox row and is delivered as in
 * production. With {@code pausedHook}, a last phase measures the maximum again with the hook
 * paused: the same writes (message, thread, outbox row — what the database ceiling writes) without
 * the deliveries that share the machine's cores with them; the hook is resumed afterwards.
 */
public final class SendScenario implements Scenario {
  /** Channel-endpoint calls in flight while the threads are created. */
  private static final int SEEDING_CONNECTIONS = 8;
  /** The last phase's name: the maximum with the organization's hook paused. */
  public static final String PAUSED_HOOK_PHASE = "send, hook paused";

  private final boolean pausedHook;

  /** @param pausedHook whether to measure the maximum with the hook paused too (started servers) */
  public SendScenario(boolean pausedHook) {
    this.pausedHook = pausedHook;
  }

  @Override
  public String name() {
    return "send";
  }

  @Override
  public ScenarioResult run(ScenarioContext context) throws Exception {
    Target target = context.target();
    LoadSettings load = context.load();
    try (ThreadhookApi api = new ThreadhookApi(target.baseUrl(), target.botToken());
        Receiver receiver = target.startedHere() ? Receiver.start() : null;
        HttpConnector connector = load.client().connector(target.baseUrl())) {
      List<Long> threads = threads(context, api);
      if (receiver != null) api.setHookUrl(receiver.url());
      Map<Long, Long> countsBefore = api.messageCounts(threads);

      RequestSource sends = requests(ThreadhookApi.SEND_MESSAGE, target.botToken(), threads);
      RequestSource noOps = requests(NoOpServer.NO_OP_PATH, target.botToken(), threads);
      Ceilings ceilings = context.ceilings();
      PhaseRunner.Tally tally = new PhaseRunner.Tally();
      HttpLoad sendLoad = new HttpLoad(connector, sends);
      List<PhaseResult> phases = new ArrayList<>();

      LoadPlan maximum = LoadPlan.closed("send", load.connections(), load.duration());
      Optional<PhaseResult> httpMaximum = ceilings.http(maximum, noOps);
      Optional<PhaseResult> database = ceilings.database(threads.size());
      if (!load.warmup().isZero()) {
        context.progress().note("Warming up the server…");
        context.phases().warmUp(
            LoadPlan.closed("send warm-up", load.connections(), load.warmup()), sendLoad, tally);
      }
      PhaseResult sendMaximum =
          context.phases().measure(maximum, sendLoad, target.memory(), tally);
      phases.add(sendMaximum.withRatios(Ratios.of(
          sendMaximum, httpMaximum.orElse(null), database.orElse(null))));

      for (Rate rate : load.rates()) {
        LoadPlan fixed = LoadPlan.open("send", load.connections(),
            rate.perSecond(sendMaximum.throughput()), load.duration());
        Optional<PhaseResult> httpFixed = ceilings.http(fixed, noOps);
        PhaseResult sendFixed = context.phases().measure(fixed, sendLoad, target.memory(), tally);
        phases.add(sendFixed.withRatios(Ratios.of(
            sendFixed, httpFixed.orElse(null), database.orElse(null))));
      }

      if (pausedHook && receiver != null) {
        api.pauseHook(true);
        try {
          PhaseResult writesAlone = context.phases().measure(
              LoadPlan.closed(PAUSED_HOOK_PHASE, load.connections(), load.duration()), sendLoad,
              target.memory(), tally);
          phases.add(writesAlone.withRatios(Ratios.of(
              writesAlone, httpMaximum.orElse(null), database.orElse(null))));
        } finally {
          api.pauseHook(false);
        }
      }

      Map<Long, Long> countsAfter = api.messageCounts(threads);
      long stored = threads.stream().distinct()
          .mapToLong(t -> countsAfter.get(t) - countsBefore.get(t)).sum();
      List<Check> checks = new ArrayList<>();
      checks.add(Ceilings.countCheck("every acknowledged message is stored in its thread",
          tally, stored, "messages added to the threads, by their messageCount"));
      checks.addAll(ceilings.checks());
      return new ScenarioResult(phases, checks);
    }
  }

  /** The threads given, or as many as asked for, created through the store's channel. */
  private static List<Long> threads(ScenarioContext context, ThreadhookApi api) throws Exception {
    Target target = context.target();
    if (!target.threadIds().isEmpty()) return target.threadIds();
    int count = context.load().threads();
    context.progress().note("Creating " + count + " customer threads through the channel endpoint…");
    String channelKey = target.channelKey().orElseThrow(() -> new IllegalArgumentException(
        "no customer threads given and no channel key to create them with"));
    return api.customerThreads(channelKey, count, SEEDING_CONNECTIONS);
  }

  /** Request {@code i} is a bot's message to thread {@code i mod threads}. */
  static RequestSource requests(String path, String token, List<Long> threads) {
    return index -> Request.postJson(path, token, "{\"text\":\"bench message " + index
        + "\",\"customerThreadId\":" + threads.get((int) (index % threads.size())) + "}");
  }
}
