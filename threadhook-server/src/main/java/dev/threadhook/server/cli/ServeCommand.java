package dev.threadhook.server.cli;

import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.http.RateLimit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dev.threadhook.server.webhooks.WebhookConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Starts the server. Every option also reads THREADHOOK_<OPTION> and the config file.")
final class ServeCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Mixin WebhookOptions webhooks;
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--demo", description = "Seed a demo organization (reused on later runs) and "
      + "allow webhooks to private addresses.")
  boolean demo;

  @Option(names = "--demo-bot-token", paramLabel = "TOKEN",
      description = "With --demo: the demo bot's token is TOKEN instead of a random one.")
  String demoBotToken;

  @Option(names = "--allow-private-webhooks",
      description = "Deliver webhooks to loopback and private addresses (local development).")
  boolean allowPrivateWebhooks;

  @Option(names = "--rate-limit", defaultValue = "50", paramLabel = "PER_SECOND",
      description = "Requests a second per API token or channel key, on average; 0 turns "
          + "limiting off (default: ${DEFAULT-VALUE}).")
  double rateLimit;

  @Option(names = "--rate-limit-burst", defaultValue = "200", paramLabel = "REQUESTS",
      description = "Requests a token may make at once before the rate applies "
          + "(default: ${DEFAULT-VALUE}).")
  int rateLimitBurst;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    WebhookConfig webhookConfig;
    try {
      webhookConfig = webhooks.toConfig();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ServerConfig config = new ServerConfig(bind, port, database.dataDir, database.toConfig(),
        allowPrivateWebhooks || demo, new RateLimit(rateLimit, rateLimitBurst), webhookConfig);
    ThreadhookServer server = ThreadhookServer.open(config);
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM and SIGINT close the server before the JVM's shutdown begins (StopSignals); the
    // hook closes it on every other way out. Only the hook lets this method return: the exit
    // status is then the one the JVM's shutdown began with, not this method's.
    StopSignals.install(server::close);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "threadhook-shutdown"));
    // The demo is seeded before the port opens: a client that sees the server up can use it.
    DemoSeed seed = new DemoSeed(server.accounts(), server.conversations());
    DemoSeed.DemoInfo info = demo ? seed.ensure(database.dataDir, demoBotToken) : null;
    server.listen();
    if (info != null) printDemo(seed, info, server.port());
    System.out.printf(
        "Threadhook %s listening on http://%s:%d (%s database, webhook node %s, ready in %d ms)%n",
        ThreadhookCommand.version(), bind, server.port(), config.database().dialect(),
        server.webhooks().nodeId(), (System.nanoTime() - started) / 1_000_000);
    System.out.flush();
    stopped.await();
    return 0;
  }

  private void printDemo(DemoSeed seed, DemoSeed.DemoInfo info, int port) {
    String base = "http://localhost:" + port;
    System.out.println("Demo data (also in " + database.dataDir.resolve(DemoSeed.FILE_NAME) + "):");
    System.out.println(seed.toJson(info));
    System.out.println();
    System.out.println("Try it:");
    System.out.printf("  curl -X POST %s/api/send-message-to-customer-thread \\%n"
        + "    -H 'token: %s' -H 'Content-Type: application/json' \\%n"
        + "    -d '{\"text\":\"Hello, I am a bot. \",\"customerThreadId\":\"%d\"}'%n",
        base, info.botToken(), info.customerThreadIds().get(0));
    System.out.printf("  curl -H 'token: %s' %s/api/customer-threads/%d/messages%n",
        info.botToken(), base, info.customerThreadIds().get(0));
    System.out.println();
  }
}
