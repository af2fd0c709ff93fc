package dev.threadhook.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Each flag also reads THREADHOOK_<FLAG>, then the config file; the command line wins. */
class EnvironmentDefaultsTest {
  @TempDir Path dir;

  @Test
  void environmentVariableSetsAnOption() {
    ServeCommand serve = parse(Map.of("THREADHOOK_PORT", "9191", "THREADHOOK_DATA_DIR", "/srv/th"));
    assertThat(serve.port).isEqualTo(9191);
    assertThat(serve.database.dataDir).isEqualTo(Path.of("/srv/th"));
  }

  @Test
  void commandLineWinsOverEnvironmentWhichWinsOverFile() throws Exception {
    Path file = dir.resolve("threadhook.properties");
    Files.writeString(file, "port=7001\nbind=127.0.0.1\ndb-url=jdbc:postgresql://db/threadhook\n");
    ServeCommand serve = parse(
        Map.of("THREADHOOK_CONFIG", file.toString(), "THREADHOOK_BIND", "10.0.0.5"),
        "--port", "7002");
    assertThat(serve.port).isEqualTo(7002);
    assertThat(serve.bind).isEqualTo("10.0.0.5");
    assertThat(serve.database.dbUrl).isEqualTo("jdbc:postgresql://db/threadhook");
  }

  @Test
  void builtInDefaultsApplyWhenNothingIsSet() {
    ServeCommand serve = parse(Map.of());
    assertThat(serve.port).isEqualTo(8080);
    assertThat(serve.bind).isEqualTo("0.0.0.0");
    assertThat(serve.database.dataDir).isEqualTo(Path.of("data"));
    assertThat(serve.demo).isFalse();
  }

  @Test
  void missingConfigFileIsAnError() {
    assertThatThrownBy(() -> parse(Map.of("THREADHOOK_CONFIG", dir.resolve("nope").toString())))
        .hasMessageContaining("THREADHOOK_CONFIG names").hasMessageContaining("no such file");
  }

  private static ServeCommand parse(Map<String, String> env, String... args) {
    CommandLine commandLine = ThreadhookCommand.commandLine(env);
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine.ParseResult result = commandLine.parseArgs(all);
    return (ServeCommand) result.subcommand().commandSpec().userObject();
  }
}
