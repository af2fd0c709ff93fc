package dev.threadhook.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bench starts servers as ./threadhook serve does: both read scripts/server-defaults.sh. */
class ServerJvmTest {
  private static final Path DEFAULTS = Path.of("..", "scripts", "server-defaults.sh");

  @Test
  void defaultOptionsAreTheLaunchers() throws IOException {
    assertThat(ServerJvm.DEFAULT_OPTIONS)
        .isEqualTo(shellValue("THREADHOOK_DEFAULT_JAVA_OPTS=\"([^\"]*)\""));
  }

  @Test
  void classDataArchiveOptionsAreTheLaunchers() throws IOException {
    Path jar = Path.of("/repo/threadhook-server/target/threadhook.jar");
    String launcher = shellValue("echo \"(-XX:SharedArchiveFile=[^\"]*)\"")
        .replace("$1/", "/repo/");

    assertThat(String.join(" ", ServerJvm.classDataArchiveOptions(jar))).isEqualTo(launcher);
  }

  private static String shellValue(String regex) throws IOException {
    Matcher matcher = Pattern.compile(regex).matcher(Files.readString(DEFAULTS));
    assertThat(matcher.find()).as("%s in %s", regex, DEFAULTS).isTrue();
    return matcher.group(1);
  }
}
