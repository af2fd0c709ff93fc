package dev.threadhook.bench.scenario;

import dev.threadhook.bench.load.HttpConnector;
import dev.threadhook.bench.target.Target;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The setting {@code e2e} and {@code drain} measure in: the target organization's customers write
 * through its channel key over {@code --threads} threads, and its hook points at a loopback
 * {@link Receiver} — on an existing server only for the run, its own hook put back afterwards
 * (deliveries still due then go there).
 */
final class ChannelToReceiver {
  /** Channel-endpoint calls in flight while the threads are created. */
  private static final int SEEDING_CONNECTIONS = 8;

  /** What a scenario measures once its traffic and receiver are in place. */
  @FunctionalInterface
  interface Measurement {
    ScenarioResult measure(ScenarioContext context, HttpConnector connector, Receiver receiver,
        CustomerTraffic traffic) throws Exception;
  }

  private ChannelToReceiver() {}

  static ScenarioResult run(ScenarioContext context, String scenario, Measurement measurement)
      throws Exception {
    Target target = context.target();
    LoadSettings load = context.load();
    String channelKey = target.channelKey().orElseThrow(() -> new IllegalArgumentException(
        scenario + " writes customers' messages through the channel endpoint: give --channel-key"));
    try (ThreadhookApi api = new ThreadhookApi(target.baseUrl(), target.botToken());
        Receiver receiver = Receiver.start();
        HttpConnector connector = load.client().connector(target.baseUrl())) {
      context.progress().note("Creating " + load.threads()
          + " customer threads through the channel endpoint…");
      List<Long> threads = api.customerThreads(channelKey, load.threads(), SEEDING_CONNECTIONS);
      Optional<URI> previousHook = api.hookUrl();
      api.setHookUrl(receiver.url());
      try {
        return measurement.measure(context, connector, receiver,
            new CustomerTraffic(List.of(new CustomerTraffic.Organization(channelKey, threads))));
      } finally {
        if (!target.startedHere()) api.setHookUrl(previousHook.orElse(null));
      }
    }
  }
}
