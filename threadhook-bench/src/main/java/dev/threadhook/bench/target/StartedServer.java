package dev.threadhook.bench.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.bench.report.TargetInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code threadhook serve --demo --rate-limit 0} in a JVM of its own, from the shaded jar, on a
 * fresh database; the demo's bot token and channel key are read from its {@code demo.json}.
 */
public final class StartedServer implements Target {
  private final JvmProcess process;
  private final FreshDatabase database;
  private final List<String> jvmOptions;
  private final List<String> serveArguments;
  private final Path serverJar;
  private final String classDataArchive;
  private final RssSampler memory;
  private final long idleRss;
  private final String botToken;
  private final String channelKey;

  private StartedServer(JvmProcess process, FreshDatabase database, Path serverJar,
      List<String> jvmOptions, List<String> serveArguments, String classDataArchive,
      String botToken, String channelKey) {
    this.process = process;
    this.database = database;
    this.serverJar = serverJar;
    this.jvmOptions = jvmOptions;
    this.serveArguments = serveArguments;
    this.classDataArchive = classDataArchive;
    this.idleRss = RssSampler.rss(process.pid()).orElse(-1);
    this.memory = new RssSampler(process.pid(), Duration.ofMillis(100));
    this.botToken = botToken;
    this.channelKey = channelKey;
  }

  /**
   * Starts the server on {@code database}, which it then owns (and removes when closed).
   *
   * @param serverJar {@code threadhook-server/target/threadhook.jar}
   * @param classDataArchive whether to use the archive next to the jar, as ./threadhook serve
   * @param serveArguments more options for {@code threadhook serve}, the scenario's own
   */
  public static StartedServer start(Path serverJar, List<String> jvmOptions,
      boolean classDataArchive, FreshDatabase database, Duration timeout,
      List<String> serveArguments) {
    if (!Files.isRegularFile(serverJar)) {
      database.close();
      throw new IllegalArgumentException("no server jar at " + serverJar
          + "; build it with ./mvnw -q -DskipTests -pl threadhook-server -am package");
    }
    int port = JvmProcess.freePort();
    DatabaseChoice choice = database.choice();
    if (classDataArchive) {
      try {
        ServerJvm.removeStaleArchive(serverJar, choice);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the stale class-data archive", e);
      }
    }
    String archive = !classDataArchive ? "class-data archive off"
        : ServerJvm.startsFrom(serverJar, choice);
    List<String> allJvmOptions = new ArrayList<>();
    if (classDataArchive) {
      allJvmOptions.addAll(ServerJvm.classDataArchiveOptions(serverJar, choice));
    }
    allJvmOptions.addAll(jvmOptions);
    List<String> arguments = new ArrayList<>(List.of("-jar", serverJar.toString(), "serve",
        "--bind", "127.0.0.1", "--port", Integer.toString(port), "--demo", "--rate-limit", "0"));
    arguments.addAll(database.serveOptions());
    arguments.addAll(serveArguments);
    JvmProcess process;
    try {
      process = JvmProcess.start("threadhook server", allJvmOptions, arguments, port,
          database.dataDir().resolve("server.log"), timeout);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    try {
      JsonNode demo = new ObjectMapper().readTree(database.dataDir().resolve("demo.json").toFile());
      return new StartedServer(process, database, serverJar, List.copyOf(jvmOptions),
          List.copyOf(serveArguments), archive, demo.path("botToken").asText(),
          demo.path("channelKey").asText());
    } catch (IOException e) {
      process.close();
      database.close();
      throw new UncheckedIOException("the server started but wrote no readable demo.json", e);
    }
  }

  @Override
  public URI baseUrl() {
    return process.baseUrl();
  }

  @Override
  public String botToken() {
    return botToken;
  }

  @Override
  public Optional<String> channelKey() {
    return Optional.of(channelKey);
  }

  @Override
  public List<Long> threadIds() {
    return List.of();
  }

  @Override
  public Optional<RssSampler> memory() {
    return Optional.of(memory);
  }

  @Override
  public boolean startedHere() {
    return true;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public Optional<ServerAdmin> admin() {
    return Optional.of(new ServerAdmin(serverJar, database.serveOptions(),
        database.dataDir().resolve("admin.log")));
  }

  @Override
  public TargetInfo info() {
    OptionalLong max = memory.max();
    return new TargetInfo("started", baseUrl().toString(), database.choice().wireName(),
        jvmOptions, serveArguments, classDataArchive, process.readyMillis(),
        idleRss < 0 ? null : idleRss, max.isPresent() ? max.getAsLong() : null);
  }

  @Override
  public void close() {
    memory.close();
    process.close();
    database.close();
  }
}
