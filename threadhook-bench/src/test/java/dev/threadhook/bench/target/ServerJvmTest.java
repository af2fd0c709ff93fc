package dev.threadhook.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench starts servers as ./threadhook serve does: both read scripts/server-defaults.sh. */
class ServerJvmTest {
  private static final Path DEFAULTS = Path.of("..", "scripts", "server-defaults.sh");

  @Test
  void defaultOptionsAreTheLaunchersForEachJdk() throws Exception {
    for (int major : new int[] {21, 24, 25, 26}) {
      assertThat(ServerJvm.defaultOptions(major)).as("JDK %d", major)
          .isEqualTo(launcherDefaults(major));
    }
    assertThat(ServerJvm.defaultOptions(21)).doesNotContain("CompactObjectHeaders");
    assertThat(ServerJvm.defaultOptions(25)).contains("-XX:+UseCompactObjectHeaders");
  }

  @Test
  void classDataArchiveOptionsAreTheLaunchers() throws IOException {
    Path jar = Path.of("/repo/threadhook-server/target/threadhook.jar");
    String launcher = shellValue("echo \"(-XX:SharedArchiveFile=[^\"]*)\"")
        .replace("$1/", "/repo/");

    assertThat(String.join(" ", ServerJvm.classDataArchiveOptions(jar))).isEqualTo(launcher);
  }

  @Test
  void anArchiveOlderThanTheJarIsRemovedAndANewerOneKept(@TempDir Path dir) throws IOException {
    Path jar = Files.writeString(dir.resolve("threadhook.jar"), "jar");
    Path archive = Files.writeString(dir.resolve("threadhook.jsa"), "archive");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));

    ServerJvm.removeStaleArchive(jar);
    assertThat(archive).doesNotExist();
    assertThat(ServerJvm.archiveExists(jar)).isFalse();

    Files.writeString(archive, "archive written after the jar");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
    ServerJvm.removeStaleArchive(jar);
    assertThat(archive).exists();
  }

  /** What the launcher's {@code threadhook_default_java_opts} prints for that JDK. */
  private static String launcherDefaults(int jdkMajor) throws Exception {
    Process sh = new ProcessBuilder("sh", "-c",
        ". \"$1\" && THREADHOOK_JDK_MAJOR=$2 threadhook_default_java_opts", "sh",
        DEFAULTS.toString(), Integer.toString(jdkMajor)).redirectErrorStream(true).start();
    String printed = new String(sh.getInputStream().readAllBytes()).strip();
    assertThat(sh.waitFor()).as("sh printed: %s", printed).isZero();
    return printed;
  }

  private static String shellValue(String regex) throws IOException {
    Matcher matcher = Pattern.compile(regex).matcher(Files.readString(DEFAULTS));
    assertThat(matcher.find()).as("%s in %s", regex, DEFAULTS).isTrue();
    return matcher.group(1);
  }
}
