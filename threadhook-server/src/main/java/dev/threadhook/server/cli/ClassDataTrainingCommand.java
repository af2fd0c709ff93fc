package dev.threadhook.server.cli;

import com.sun.net.httpserver.HttpServer;
import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.http.RateLimit;
import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.storage.PostgresServer;
import dev.threadhook.server.webhooks.WebhookConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The build's training run for the AOT cache, or before JDK 25 the class-data archive
 * (scripts/train-class-data.sh runs it under {@code -XX:AOTCacheOutput} or
 * {@code -XX:ArchiveClassesAtExit}): it starts a server as {@code serve --demo} does, on a
 * scratch database, drives a short conversation through it — bots' and customers' messages,
 * their webhooks to a receiver of its own, reads, refusals — and stops it. The JVM then keeps
 * every class the server loaded (and, in the AOT cache, linked, with the methods' profiles), so
 * that even the first server after a build starts from it (docs/benchmarks.md, profiles 38, 49).
 *
 * <p>With {@code --postgres} the scratch database is made on that PostgreSQL server and dropped
 * after the run, so that a PostgreSQL server's cache holds the driver's classes too, which a run
 * on H2 never loads (profile 51); when that server cannot be reached, the run says so and uses a
 * scratch H2 database, as it does without the option.
 */
@Command(name = "train-class-data", hidden = true,
    description = "Runs a server through a short conversation and stops it (the build's"
        + " training run for the AOT cache or the class-data archive).")
final class ClassDataTrainingCommand implements Callable<Integer> {
  private static final int MESSAGES = 50;

  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR",
      description = "A scratch directory for the server's database.")
  Path dataDir;

  @Option(names = "--postgres", paramLabel = "JDBC_URL",
      description = "Train on a scratch database made on this PostgreSQL server (the URL of a"
          + " database there, such as jdbc:postgresql://127.0.0.1:5432/postgres), dropped after"
          + " the run; without it, or when it cannot be reached, on a scratch H2 database.")
  String postgresUrl;

  @Option(names = "--postgres-user", defaultValue = "postgres", paramLabel = "USER",
      description = "The user that makes and uses the scratch database (default: ${DEFAULT-VALUE}).")
  String postgresUser;

  @Option(names = "--postgres-password", defaultValue = "", paramLabel = "PASSWORD",
      description = "Its password.")
  String postgresPassword;

  @Override
  public Integer call() throws Exception {
    if (postgresUrl == null) return train(DatabaseConfig.h2File(dataDir), "H2");
    PostgresServer postgres = new PostgresServer(postgresUrl, postgresUser, postgresPassword);
    String scratch;
    try {
      scratch = postgres.createDatabase("threadhook_training_");
    } catch (SQLException e) {
      spec.commandLine().getErr().println("train-class-data: cannot make a scratch database on " + postgresUrl
          + " (" + e.getMessage() + "); training on a scratch H2 database instead");
      return train(DatabaseConfig.h2File(dataDir), "H2");
    }
    try {
      return train(postgres.configOf(scratch), "PostgreSQL at " + postgresUrl);
    } finally {
      postgres.dropDatabases(List.of(scratch));
    }
  }

  private int train(DatabaseConfig database, String where) throws Exception {
    CountDownLatch webhooks = new CountDownLatch(2 * MESSAGES);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      webhooks.countDown();
    });
    receiver.start();
    ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir, database, true,
        RateLimit.OFF, WebhookConfig.defaults());
    try (ThreadhookServer server = ThreadhookServer.open(config)) {
      // As serve --demo starts: the demo seeded (and printed, here to nowhere), then the port.
      DemoSeed seed = new DemoSeed(server.accounts(), server.conversations());
      DemoSeed.DemoInfo demo = seed.ensure(dataDir, null);
      seed.toJson(demo);
      server.listen();
      converse(new Api(server.port()), demo, receiver.getAddress().getPort());
      if (!webhooks.await(10, TimeUnit.SECONDS)) {
        spec.commandLine().getErr().println("train-class-data: not every webhook arrived within 10 s");
        return 1;
      }
      spec.commandLine().getOut().println("train-class-data: trained on " + where);
      return 0;
    } finally {
      receiver.stop(0);
    }
  }

  private static void converse(Api api, DemoSeed.DemoInfo demo, int receiverPort)
      throws IOException, InterruptedException {
    api.expect(200, api.post("/api/update-hook-url", demo.adminToken(),
        "{\"url\":\"http://127.0.0.1:" + receiverPort + "/hook\"}"));
    long thread = demo.customerThreadIds().get(0);
    for (int i = 0; i < MESSAGES; i++) {
      api.expect(200, api.post("/api/send-message-to-customer-thread", demo.botToken(),
          "{\"text\":\"Hello " + i + "\",\"customerThreadId\":\"" + thread + "\"}"));
      api.expect(200, api.post("/api/channel/messages", demo.channelKey(),
          "{\"customer\":{\"externalId\":\"training\"},\"text\":\"Hi " + i + "\"}"));
    }
    api.expect(200, api.post("/api/update-thread-status", demo.botToken(),
        "{\"status\":\"resolved\",\"customerThreadId\":\"" + thread + "\"}"));
    for (String read : new String[] {"/api/me", "/api/customer-threads",
        "/api/customer-threads/" + thread, "/api/customer-threads/" + thread + "/messages",
        "/api/webhook", "/api/webhook-deliveries"}) {
      api.expect(200, api.get(read, demo.adminToken()));
    }
    api.expect(200, api.get("/metrics", null));
    // The refusals' paths too: a malformed body, and no token.
    api.expect(400, api.post("/api/send-message-to-customer-thread", demo.botToken(), "{"));
    api.expect(401, api.get("/api/customer-threads", null));
  }

  /** Requests to the server under training, each checked for the status it must get. */
  private record Api(int port, HttpClient client) {
    Api(int port) {
      this(port, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
      if (token != null) request.header("token", token);
      return send(request);
    }

    HttpResponse<String> post(String path, String token, String json)
        throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(uri(path)).header("token", token)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request)
        throws IOException, InterruptedException {
      return client.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    void expect(int status, HttpResponse<String> response) {
      if (response.statusCode() != status) {
        throw new IllegalStateException(response.request().method() + " "
            + response.request().uri().getPath() + " answered " + response.statusCode()
            + " instead of " + status + ": " + response.body());
      }
    }
  }
}
