package dev.threadhook.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which server the CLI talks to, with defaults from the demo's {@code demo.json}. */
final class ClientOptions {
  @Option(names = "--server", defaultValue = "http://localhost:8080", paramLabel = "URL",
      description = "The server's URL (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
      description = "Where demo.json is, for default keys and tokens (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  DemoSeed.DemoInfo demo() {
    try {
      return DemoSeed.read(dataDir);
    } catch (IOException e) {
      throw new ApiCall.CliException("cannot read " + dataDir.resolve(DemoSeed.FILE_NAME)
          + ": " + e.getMessage());
    }
  }

  /** {@code explicit} when given, else what demo.json has, else a message naming the flag. */
  <T> T orDemo(T explicit, java.util.function.Function<DemoSeed.DemoInfo, T> fromDemo, String flag) {
    if (explicit != null) return explicit;
    DemoSeed.DemoInfo demo = demo();
    T value = demo == null ? null : fromDemo.apply(demo);
    if (value == null) {
      throw new ApiCall.CliException(flag + " is required (there is no "
          + dataDir.resolve(DemoSeed.FILE_NAME) + " to take it from)");
    }
    return value;
  }
}
