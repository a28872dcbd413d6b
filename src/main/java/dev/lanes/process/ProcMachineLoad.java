package dev.lanes.process;

import dev.lanes.port.MachineLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the machine's load from Linux's {@code /proc/stat} and {@code /proc/meminfo}. Where they
 * are missing (macOS), it reports 0, so the ceilings never hold a worker back there.
 */
public final class ProcMachineLoad implements MachineLoad {
  private long lastIdle = -1;
  private long lastTotal = -1;
  private long lastOwn = -1;
  private long lastSampleNanos;
  private double lastPercent;

  /** The kernel counts CPU time in 10 ms ticks: shorter windows read as 0% or 100%. */
  private static final long MIN_WINDOW_NANOS = 500_000_000L;

  @Override
  public synchronized double cpuPercent() {
    long nowNanos = System.nanoTime();
    if (lastTotal >= 0 && nowNanos - lastSampleNanos < MIN_WINDOW_NANOS) {
      return lastPercent;
    }
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
      long own = ownTicks();
      double percent = 0;
      if (lastTotal >= 0 && total > lastTotal) {
        // lanes' own work (JVM start-up, git, parsing) is not load that should hold back workers.
        long busy = (total - lastTotal) - (idle - lastIdle) - Math.max(0, own - lastOwn);
        percent = 100.0 * busy / (total - lastTotal);
      }
      lastIdle = idle;
      lastTotal = total;
      lastOwn = own;
      lastSampleNanos = nowNanos;
      lastPercent = Math.max(0, Math.min(100, percent));
      return lastPercent;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  @Override
  public double memoryPercent() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
      long total = field(lines, "MemTotal:");
      long available = field(lines, "MemAvailable:");
      if (total <= 0 || available < 0) {
        return 0;
      }
      return 100.0 * (total - available) / total;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** CPU ticks this process used so far (user + system), from {@code /proc/self/stat}. */
  private static long ownTicks() {
    try {
      String[] f = ProcStat.fields(Files.readString(Path.of("/proc/self/stat")));
      // Fields after the name start at field 3 (state); utime and stime are fields 14 and 15,
      // cutime and cstime (lanes' own git children, once waited for) 16 and 17.
      return Long.parseLong(f[11])
          + Long.parseLong(f[12])
          + Long.parseLong(f[13])
          + Long.parseLong(f[14]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long field(List<String> lines, String name) {
    for (String line : lines) {
      if (line.startsWith(name)) {
        return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
      }
    }
    return -1;
  }
}
