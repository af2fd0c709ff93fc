package dev.threadhook.bench;

import dev.threadhook.bench.load.Progress;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the results go, and how progress shows. */
final class OutputOptions {
  enum ProgressStyle { AUTO, BAR, LINES, NONE }

  @Option(names = "--results-dir", paramLabel = "DIR",
      defaultValue = "${env:THREADHOOK_BENCH_RESULTS:-bench-results}",
      description = "Where each run's JSON goes (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
      description = "Runs the scenario N times, each against a fresh server when it starts one,"
          + " each with its table and JSON; then each number's median and range over the runs,"
          + " also written as <scenario>-<timestamp>-summary.json (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** --repeat, once it is known to be at least 1. */
  int repeat() {
    if (repeat < 1) {
      throw new ParameterException(command.commandLine(),
          "--repeat must be at least 1 but was " + repeat);
    }
    return repeat;
  }

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|lines|none",
      description = "A progress bar redrawn in place, a line per step, or nothing; auto draws"
          + " the bar on a terminal (default: ${DEFAULT-VALUE}).")
  ProgressStyle progress;

  Progress progress(PrintStream out) {
    return switch (progress) {
      case BAR -> Progress.bar(out);
      case LINES -> Progress.lines(out);
      case NONE -> Progress.NONE;
      case AUTO -> onTerminal() ? Progress.bar(out) : Progress.lines(out);
    };
  }

  /**
   * Whether the output is a terminal. From JDK 22 System.console() exists even when the output
   * is redirected, and Console.isTerminal() tells; on 21 a console exists only on a terminal.
   */
  private static boolean onTerminal() {
    Console console = System.console();
    if (console == null) return false;
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException jdk21) {
      return true;
    }
  }
}
