package dev.threadhook.bench;

import dev.threadhook.bench.target.DatabaseChoice;
import dev.threadhook.bench.target.ExistingServer;
import dev.threadhook.bench.target.FreshDatabase;
import dev.threadhook.bench.target.ServerAdmin;
import dev.threadhook.bench.target.ServerJvm;
import dev.threadhook.bench.target.StartedServer;
import dev.threadhook.bench.target.Target;
import dev.threadhook.server.storage.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The server to load: one this run starts, or one that runs already. */
final class TargetOptions {
  @Option(names = "--db", paramLabel = "h2|postgres",
      description = "Database of the server this run starts, on a fresh database (default: h2);"
          + " with --url, the database of the database ceiling (none when not given).")
  DatabaseChoice database;

  @Option(names = "--server-jar", defaultValue = "${env:THREADHOOK_SERVER_JAR}", paramLabel = "JAR",
      description = "The server's shaded jar (./bench passes threadhook-server/target/threadhook.jar).")
  Path serverJar;

  @Option(names = "--server-jvm-options", paramLabel = "OPTIONS",
      defaultValue = "${env:THREADHOOK_JAVA_OPTS}",
      description = "JVM options of the started server and of the no-op HTTP server, space"
          + " separated (default: THREADHOOK_JAVA_OPTS, else the launcher's for this JDK and"
          + " --db, as scripts/server-defaults.sh gives them).")
  String serverJvmOptions;

  @Option(names = "--class-data-archive", negatable = true, defaultValue = "true",
      fallbackValue = "true", description = "Start the server from what the build wrote next to"
          + " its jar, as ./threadhook serve does: the AOT cache on JDK 25 and later, else the"
          + " class-data archive, written when the first server after a build exits when missing"
          + " (default: on).")
  boolean classDataArchive;

  @Option(names = "--server-heap", paramLabel = "SIZE",
      description = "Shorthand for adding -Xmx<SIZE> to --server-jvm-options (128m, 1g).")
  String serverHeap;

  @Option(names = "--serve-options", paramLabel = "OPTIONS", defaultValue = "",
      description = "More options for the started server's threadhook serve, space separated,"
          + " after the scenario's own (which it must not repeat): '--webhook-max-concurrent-"
          + "per-endpoint 32', say. Shown with the results.")
  String serveOptions;

  @Option(names = "--ready-timeout", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long a started server may take to answer /healthz (default: ${DEFAULT-VALUE}).")
  Duration readyTimeout;

  @Mixin PostgresOptions postgres;

  @Option(names = "--url", paramLabel = "URL",
      description = "Load this running server instead of starting one.")
  URI url;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "With --url: a bot's API token (it must see the threads).")
  String token;

  @Option(names = "--thread-ids", split = ",", paramLabel = "ID",
      description = "With --url: the customer threads to write to.")
  List<Long> threadIds = new ArrayList<>();

  @Option(names = "--channel-key", paramLabel = "KEY",
      description = "With --url and no --thread-ids: a store's channel key to create --threads"
          + " threads with (customers bench-0, bench-1…).")
  String channelKey;

  @Option(names = "--server-pid", paramLabel = "PID",
      description = "With --url: the server's process id on this machine, to sample its memory.")
  Long serverPid;

  @Option(names = "--server-data-dir", paramLabel = "DIR",
      description = "With --url: the running server's --data-dir (its embedded database), where"
          + " the bench may run threadhook admin beside it (fanout makes its organizations so).")
  Path serverDataDir;

  @Option(names = "--server-db-url", paramLabel = "JDBC_URL",
      description = "With --url: the running server's --db-url, for threadhook admin, as"
          + " --server-data-dir.")
  String serverDbUrl;

  @Option(names = "--server-db-user", defaultValue = "postgres", paramLabel = "USER",
      description = "With --server-db-url (default: ${DEFAULT-VALUE}).")
  String serverDbUser;

  @Option(names = "--server-db-password", defaultValue = "", paramLabel = "PASSWORD",
      description = "With --server-db-url.")
  String serverDbPassword;

  List<String> jvmOptions() {
    // Unset or empty, as the launcher's ${THREADHOOK_JAVA_OPTS:-…} reads it.
    boolean given = serverJvmOptions != null && !serverJvmOptions.isBlank();
    String chosen = given ? serverJvmOptions : ServerJvm.defaultOptions(ceilingDatabase());
    List<String> options = new ArrayList<>(words(chosen));
    if (serverHeap != null) options.add("-Xmx" + serverHeap);
    return options;
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.strip().split("\\s+")).filter(o -> !o.isEmpty()).toList();
  }

  /** The database of the database ceiling: the started server's, or --db's with --url. */
  DatabaseChoice ceilingDatabase() {
    if (url != null) return database;
    return database == null ? DatabaseChoice.H2 : database;
  }

  PostgresServer postgres() {
    return postgres.server();
  }

  /**
   * @param serveArguments the scenario's own options for a server this run starts; an existing
   *     server runs with what it was started with
   */
  Target open(List<String> serveArguments) {
    if (url != null) {
      ServerAdmin admin = existingServerAdmin();
      if (token == null && admin == null) {
        throw new IllegalArgumentException("--url needs --token (a bot's API token)");
      }
      return new ExistingServer(url, token, channelKey, threadIds, serverPid, admin);
    }
    if (serverJar == null) {
      throw new IllegalArgumentException("no --server-jar given (./bench passes it, and"
          + " THREADHOOK_SERVER_JAR sets it)");
    }
    List<String> allServeArguments = new ArrayList<>(serveArguments);
    allServeArguments.addAll(words(serveOptions));
    FreshDatabase fresh = FreshDatabase.create(ceilingDatabase(), postgres());
    return StartedServer.start(
        serverJar, jvmOptions(), classDataArchive, fresh, readyTimeout, allServeArguments);
  }

  /** The admin command line on the existing server's database, when it was named. */
  private ServerAdmin existingServerAdmin() {
    List<String> database;
    if (serverDbUrl != null) {
      database = List.of("--db-url", serverDbUrl, "--db-user", serverDbUser,
          "--db-password", serverDbPassword);
    } else if (serverDataDir != null) {
      database = List.of("--data-dir", serverDataDir.toString());
    } else {
      return null;
    }
    if (serverJar == null) {
      throw new IllegalArgumentException("--server-data-dir and --server-db-url run the server's"
          + " jar (--server-jar; ./bench passes it)");
    }
    try {
      return new ServerAdmin(serverJar, database,
          Files.createTempFile("threadhook-bench-admin-", ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
