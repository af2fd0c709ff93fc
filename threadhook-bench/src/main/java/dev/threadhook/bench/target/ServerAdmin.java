package dev.threadhook.bench.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code threadhook admin …} on a running server's database (one the bench started, or one named
 * with {@code --server-data-dir} or {@code --server-db-url}), in a JVM of its own, as an operator
 * runs it beside a live server: the embedded H2 is opened through its AUTO_SERVER mode, and
 * PostgreSQL like any client. What only the command line can do (create an organization) is done
 * here; everything else goes through the HTTP API.
 */
public final class ServerAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 60;

  private final Path serverJar;
  private final List<String> databaseOptions;
  private final Path log;

  /**
   * @param databaseOptions the server's {@code --data-dir}/{@code --db-url}… options
   * @param log where the commands' standard error goes
   */
  public ServerAdmin(Path serverJar, List<String> databaseOptions, Path log) {
    this.serverJar = serverJar;
    this.databaseOptions = List.copyOf(databaseOptions);
    this.log = log;
  }

  /** A new organization with its first admin: {@code businessId} and {@code adminToken}. */
  public Organization createOrganization(String name, String adminName) {
    JsonNode created = run("create-organization", "--name", name, "--admin-name", adminName);
    return new Organization(created.path("businessId").asLong(),
        created.path("adminToken").asText());
  }

  public record Organization(long businessId, String adminToken) {}

  /** Runs {@code threadhook admin <arguments> <database options>}; returns the JSON it printed. */
  public JsonNode run(String... arguments) {
    List<String> command = new ArrayList<>(List.of(JvmProcess.javaExecutable(),
        // a short-lived command: the C1 compiler alone starts it sooner
        "-XX:TieredStopAtLevel=1", "-jar", serverJar.toString(), "admin"));
    command.addAll(List.of(arguments));
    command.addAll(databaseOptions);
    try {
      Process process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      byte[] out;
      try (InputStream stdout = process.getInputStream()) {
        out = stdout.readAllBytes();
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("threadhook admin " + arguments[0] + " did not end in "
            + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("threadhook admin " + arguments[0] + " exited with "
            + process.exitValue() + ": " + new String(out) + lastLines());
      }
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running threadhook admin", e);
    }
  }

  private String lastLines() {
    try {
      List<String> lines = Files.readAllLines(log);
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
