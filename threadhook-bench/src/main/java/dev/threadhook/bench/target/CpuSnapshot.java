package dev.threadhook.bench.target;

import dev.threadhook.bench.report.CpuUse;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time used so far, from /proc: by the whole machine, by the process under load, by this
 * JVM (the load generator), and by PostgreSQL's processes. Two snapshots give the cores each
 * used in between, and so how much of the machine anything else took: on a shared machine, a
 * phase with "other" well above zero was measured under outside contention.
 *
 * <p>Times are in clock ticks (USER_HZ, 100 a second on Linux).
 */
public record CpuSnapshot(
    long atNanos, long machineBusyTicks, long targetTicks, long selfTicks, long postgresTicks) {
  private static final double TICKS_PER_SECOND = 100;
  private static final Path PROC = Path.of("/proc");

  /** @param targetPid the process under load, or null when there is none of its own */
  public static CpuSnapshot take(Long targetPid) {
    return new CpuSnapshot(System.nanoTime(), machineBusy(),
        targetPid == null ? 0 : processTicks(PROC.resolve(Long.toString(targetPid))).orElse(0),
        processTicks(PROC.resolve(Long.toString(ProcessHandle.current().pid()))).orElse(0),
        postgres());
  }

  /** Cores used between {@code this} and {@code later}. */
  public CpuUse until(CpuSnapshot later) {
    double seconds = (later.atNanos - atNanos) / 1e9;
    if (seconds <= 0) return null;
    double machine = cores(later.machineBusyTicks - machineBusyTicks, seconds);
    double target = cores(later.targetTicks - targetTicks, seconds);
    double self = cores(later.selfTicks - selfTicks, seconds);
    double postgres = cores(Math.max(0, later.postgresTicks - postgresTicks), seconds);
    double other = Math.max(0, machine - target - self - postgres);
    return new CpuUse(round(machine), round(target), round(self), round(postgres), round(other));
  }

  /** CPU seconds the process under load used between {@code this} and {@code later}. */
  public double targetSecondsUntil(CpuSnapshot later) {
    return (later.targetTicks - targetTicks) / TICKS_PER_SECOND;
  }

  /** CPU seconds PostgreSQL's processes used between {@code this} and {@code later}. */
  public double postgresSecondsUntil(CpuSnapshot later) {
    return Math.max(0, later.postgresTicks - postgresTicks) / TICKS_PER_SECOND;
  }

  private static double cores(long ticks, double seconds) {
    return ticks / TICKS_PER_SECOND / seconds;
  }

  private static double round(double cores) {
    return Math.round(cores * 100) / 100.0;
  }

  /** All CPUs' non-idle time: the first line of /proc/stat less idle and iowait. */
  private static long machineBusy() {
    try (var lines = Files.lines(PROC.resolve("stat"))) {
      String[] fields = lines.findFirst().orElse("").trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) total += Long.parseLong(fields[i]);
      return total - Long.parseLong(fields[4]) - Long.parseLong(fields[5]);
    } catch (IOException | RuntimeException notLinux) {
      return 0;
    }
  }

  private static long postgres() {
    long ticks = 0;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path process : processes) {
        if (isPostgres(process)) ticks += processTicks(process).orElse(0);
      }
    } catch (IOException | RuntimeException notLinux) {
      return 0;
    }
    return ticks;
  }

  private static boolean isPostgres(Path process) {
    try {
      String comm = Files.readString(process.resolve("comm")).strip();
      return comm.equals("postgres") || comm.startsWith("postgres:");
    } catch (IOException gone) {
      return false;
    }
  }

  /** utime + stime of a process (fields 14 and 15 of its stat, after the command's parenthesis). */
  private static OptionalLong processTicks(Path process) {
    try {
      String stat = Files.readString(process.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    } catch (IOException | RuntimeException gone) {
      return OptionalLong.empty();
    }
  }
}
