package dev.threadhook.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine a run was made on; the load generator always runs on it too. */
public record Machine(int cpus, long memoryBytes, String cpuModel, String jdk, String os) {

  public static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        procLine(Path.of("/proc/meminfo"), "MemTotal:")
            .map(v -> Long.parseLong(v.replace("kB", "").strip()) * 1024).orElse(-1L),
        procLine(Path.of("/proc/cpuinfo"), "model name").map(v -> v.replaceFirst("^\\s*:\\s*", ""))
            .orElse("unknown"),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
            + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
  }

  /** What follows {@code prefix} on the first line of a /proc file starting with it. */
  private static Optional<String> procLine(Path file, String prefix) {
    try (var lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(prefix)).findFirst()
          .map(l -> l.substring(prefix.length()).strip());
    } catch (IOException | RuntimeException notLinux) {
      return Optional.empty();
    }
  }
}
