package dev.threadhook.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's training run (scripts/train-class-data.sh) drives a real server through a
 * conversation and fails when any request gets another answer than it should, or a webhook does
 * not arrive: so an API change that would leave the build without class-data archives fails
 * here instead of warning there.
 */
class ClassDataTrainingCommandTest {
  @Test
  void aTrainingRunConversesWithAServerAndStopsIt(@TempDir Path dataDir) {
    StringWriter err = new StringWriter();
    int exitCode = ThreadhookCommand.commandLine(Map.of())
        .setErr(new PrintWriter(err))
        .execute("train-class-data", "--data-dir", dataDir.toString());

    assertThat(exitCode).as("stderr: %s", err).isZero();
    assertThat(dataDir.resolve("demo.json")).exists();
    assertThat(dataDir.resolve("threadhook.mv.db")).exists();
  }

  @Test
  void itNeedsADataDirectory() {
    StringWriter err = new StringWriter();
    int exitCode = ThreadhookCommand.commandLine(Map.of())
        .setErr(new PrintWriter(err))
        .execute("train-class-data");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--data-dir=DIR'");
  }
}
