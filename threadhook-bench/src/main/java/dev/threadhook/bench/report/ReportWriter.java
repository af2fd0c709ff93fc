package dev.threadhook.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Writes each run as {@code <dir>/<scenario>-<timestamp>.json}. */
public final class ReportWriter {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes the report; returns the file. */
  public Path write(RunReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    String time = FILE_TIME.format(ZonedDateTime.parse(report.startedAt()));
    Path file = dir.resolve(report.scenario() + "-" + time + ".json");
    for (int n = 2; Files.exists(file); n++) {
      file = dir.resolve(report.scenario() + "-" + time + "-" + n + ".json");
    }
    json.writeValue(file.toFile(), report);
    return file;
  }

  public RunReport read(Path file) throws IOException {
    return json.readValue(file.toFile(), RunReport.class);
  }
}
