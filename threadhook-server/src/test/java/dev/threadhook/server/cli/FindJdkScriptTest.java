package dev.threadhook.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How ./threadhook, ./bench and ./mvnw tell a JDK's version (scripts/find-jdk.sh): from its
 * release file when it has one, without starting its JVM; by asking the JVM otherwise.
 */
class FindJdkScriptTest {
  private static final Path SCRIPT = Path.of("..", "scripts", "find-jdk.sh");

  @TempDir Path dir;

  @Test
  void readsTheMajorVersionFromTheReleaseFileWithoutStartingTheJvm() throws Exception {
    Path jdk25 = fakeJdk("jdk-25", "JAVA_VERSION=\"25.0.3\"", true);
    Path jdk21ea = fakeJdk("jdk-21-ea", "JAVA_VERSION=\"21-ea\"", true);
    Path jdk8 = fakeJdk("jdk-8", "JAVA_VERSION=\"1.8.0_292\"", true);

    assertThat(sh(Map.of(), "threadhook_jdk_major \"$1\"", jdk25.toString())).isEqualTo("25");
    assertThat(sh(Map.of(), "threadhook_jdk_major \"$1\"", jdk21ea.toString())).isEqualTo("21");
    assertThat(sh(Map.of(), "threadhook_jdk_major \"$1\"", jdk8.toString())).isEqualTo("8");
    assertThat(ran(jdk25)).isFalse();
    assertThat(ran(jdk21ea)).isFalse();
    assertThat(ran(jdk8)).isFalse();
  }

  @Test
  void asksTheJvmWhenThereIsNoReleaseFileOrItNamesNoVersion() throws Exception {
    Path noRelease = fakeJdk("no-release", null, true);
    Path noVersion = fakeJdk("no-version", "IMPLEMENTOR=\"Someone\"", true);

    assertThat(sh(Map.of(), "threadhook_jdk_major \"$1\"", noRelease.toString())).isEqualTo("22");
    assertThat(sh(Map.of(), "threadhook_jdk_major \"$1\"", noVersion.toString())).isEqualTo("22");
    assertThat(ran(noRelease)).isTrue();
    assertThat(ran(noVersion)).isTrue();
  }

  @Test
  void aRuntimeWithoutJavacIsNotAJdk() throws Exception {
    Path jre = fakeJdk("jre-25", "JAVA_VERSION=\"25\"", false);

    assertThat(sh(Map.of(), "threadhook_jdk_major \"$1\"", jre.toString())).isEmpty();
  }

  @Test
  void takesJavaHomeWhenItIsNewEnough() throws Exception {
    Path jdk = fakeJdk("jdk-23", "JAVA_VERSION=\"23.0.1\"", true);

    String found = sh(Map.of("JAVA_HOME", jdk.toString()),
        "threadhook_find_jdk && echo \"$JAVA_HOME $THREADHOOK_JDK_MAJOR\"");

    assertThat(found).isEqualTo(jdk + " 23");
    assertThat(ran(jdk)).isFalse();
  }

  /**
   * A JDK's layout with a {@code bin/java} that answers as a JDK 22 would and leaves a mark when
   * it runs, so a test can tell whether the script started it.
   */
  private Path fakeJdk(String name, String releaseLine, boolean withJavac) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name).resolve("bin"));
    executable(home.resolve("java"), "#!/bin/sh\ntouch \"$(dirname \"$0\")/../ran\"\n"
        + "echo '    java.specification.version = 22' >&2\n");
    if (withJavac) executable(home.resolve("javac"), "#!/bin/sh\n");
    if (releaseLine != null) Files.writeString(dir.resolve(name).resolve("release"),
        "IMPLEMENTOR=\"Test\"\n" + releaseLine + "\n");
    return dir.resolve(name);
  }

  private static boolean ran(Path jdk) {
    return Files.exists(jdk.resolve("ran"));
  }

  private static void executable(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String sh(Map<String, String> environment, String command, String... arguments)
      throws Exception {
    List<String> line = new ArrayList<>(List.of("sh", "-c",
        ". \"$FIND_JDK\" && " + command, "sh"));
    line.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    builder.environment().remove("JAVA_HOME");
    builder.environment().putAll(environment);
    builder.environment().put("FIND_JDK", SCRIPT.toAbsolutePath().toString());
    Process sh = builder.start();
    String printed = new String(sh.getInputStream().readAllBytes()).strip();
    assertThat(sh.waitFor()).as("sh printed: %s", printed).isZero();
    return printed;
  }
}
