package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/webhooks.md publishes the retry schedule; it must be the one the server runs. */
class PublishedScheduleTest {
  private static final Path DOC = Path.of("..", "docs", "webhooks.md");
  private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| (\\S+) \\| (.+) \\|$");

  @Test
  void theRetryTableInTheDocsIsTheDefaultSchedule() throws Exception {
    List<String> waits = new ArrayList<>();
    for (String line : Files.readAllLines(DOC)) {
      Matcher row = ROW.matcher(line);
      if (row.matches() && !row.group(2).equals("—")) waits.add(row.group(2));
    }
    List<String> schedule = RetrySchedule.DEFAULT.delays().stream().map(Durations::format).toList();

    assertThat(waits).containsExactlyElementsOf(schedule);
    assertThat(Files.readString(DOC))
        .contains("After the 14th attempt fails")
        .contains("±20 %")
        .contains("`--webhook-retry-schedule` | `" + String.join(",", schedule) + "`");
    assertThat(RetrySchedule.DEFAULT.maxAttempts()).isEqualTo(14);
    assertThat(RetrySchedule.DEFAULT.jitter()).isEqualTo(0.2);
    assertThat(RetrySchedule.DEFAULT.span()).isEqualTo(Duration.parse("PT47H42M36S"));
  }
}
