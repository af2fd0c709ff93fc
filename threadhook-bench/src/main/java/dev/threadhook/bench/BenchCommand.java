package dev.threadhook.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code threadhook-bench}: load scenarios against a Threadhook server, with this machine's ceilings. */
@Command(
    name = "threadhook-bench",
    mixinStandardHelpOptions = true,
    versionProvider = BenchCommand.Version.class,
    description = {
      "Measures a Threadhook server: each scenario loads a server it starts (H2 or PostgreSQL)"
          + " or one given by --url, measures the ceilings of this machine in the same run, prints"
          + " a table and writes bench-results/<scenario>-<timestamp>.json."},
    subcommands = {SendCommand.class, E2eCommand.class, DrainCommand.class, FanoutCommand.class,
        TargetsCommand.class,
        CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"threadhook-bench " + version()};
    }
  }

  /** This build's version, from the jar's manifest ("dev" when run from classes). */
  static String version() {
    String version = BenchCommand.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
