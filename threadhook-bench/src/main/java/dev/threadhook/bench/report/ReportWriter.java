package dev.threadhook.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes each run as {@code <dir>/<scenario>-<timestamp>.json}, and the summary of repeated runs
 * as {@code <dir>/<scenario>-<timestamp of the first>-summary.json}, and what {@code targets}
 * found as {@code <dir>/targets-<timestamp>.json}.
 */
public final class ReportWriter {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes the report; returns the file. */
  public Path write(RunReport report, Path dir) throws IOException {
    return write(report, dir, report.scenario(), report.startedAt(), "");
  }

  /** Writes the summary; returns the file. */
  public Path write(RepeatSummary summary, Path dir) throws IOException {
    return write(summary, dir, summary.scenario(), summary.startedAt(), "-summary");
  }

  /** Writes what {@code targets} found as {@code <dir>/targets-<timestamp>.json}. */
  public Path write(TargetsReport report, Path dir) throws IOException {
    return write(report, dir, "targets", report.startedAt(), "");
  }

  public RunReport read(Path file) throws IOException {
    return json.readValue(file.toFile(), RunReport.class);
  }

  public TargetsReport readTargets(Path file) throws IOException {
    return json.readValue(file.toFile(), TargetsReport.class);
  }

  public RepeatSummary readSummary(Path file) throws IOException {
    return json.readValue(file.toFile(), RepeatSummary.class);
  }

  private Path write(Object value, Path dir, String scenario, String startedAt, String suffix)
      throws IOException {
    Files.createDirectories(dir);
    String name = scenario + "-" + FILE_TIME.format(ZonedDateTime.parse(startedAt));
    Path file = dir.resolve(name + suffix + ".json");
    for (int n = 2; Files.exists(file); n++) {
      file = dir.resolve(name + "-" + n + suffix + ".json");
    }
    json.writeValue(file.toFile(), value);
    return file;
  }
}
