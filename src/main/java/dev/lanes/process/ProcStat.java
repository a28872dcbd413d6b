package dev.lanes.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads process states from Linux's {@code /proc}, where a killed process whose new parent has not
 * reaped it yet still shows up as a zombie; {@link ProcessHandle#isAlive()} and {@code kill -0}
 * both count zombies as alive, which would make every kill wait out its whole grace period on a
 * machine whose init reaps slowly.
 */
final class ProcStat {

  private final Path root;

  ProcStat(Path root) {
    this.root = root;
  }

  /** The system's {@code /proc} when it has per-process stat files, else empty (macOS). */
  static Optional<ProcStat> system() {
    Path proc = Path.of("/proc");
    return Files.isRegularFile(proc.resolve("self/stat"))
        ? Optional.of(new ProcStat(proc))
        : Optional.empty();
  }

  /**
   * One process as its stat line gives it: state, process group and start time ({@code starttime},
   * field 22: clock ticks after boot). A pid and its start time name one process for as long as the
   * machine runs, which a pid alone does not once pids are handed out again.
   */
  record Entry(long pid, String state, long pgrp, long startTime) {
    boolean running() {
      return !state.equals("Z") && !state.equals("X");
    }
  }

  /** The process's stat line, or empty when there is no such process (or it cannot be read). */
  Optional<Entry> entry(long pid) {
    try {
      String[] f = fields(read(root.resolve(Long.toString(pid)).resolve("stat")));
      // Fields from 3 (state) on; pgrp is field 5, starttime field 22.
      return Optional.of(new Entry(pid, f[0], Long.parseLong(f[2]), Long.parseLong(f[19])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // gone between listing and reading, or not a stat line
    }
  }

  /** True when the process exists and is not a zombie. */
  boolean running(long pid) {
    return entry(pid).filter(Entry::running).isPresent();
  }

  /** True when some process of the group exists and is not a zombie. */
  boolean groupRunning(long pgid) {
    return !groupMembers(pgid).isEmpty();
  }

  /** Every process of the group that is not a zombie. */
  List<Entry> groupMembers(long pgid) {
    return runningEntries().stream().filter(e -> e.pgrp() == pgid).toList();
  }

  /** Every process that is not a zombie, from a scan of all of /proc. */
  List<Entry> runningEntries() {
    List<Entry> running = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "[0-9]*")) {
      for (Path dir : entries) {
        try {
          entry(Long.parseLong(dir.getFileName().toString()))
              .filter(Entry::running)
              .ifPresent(running::add);
        } catch (NumberFormatException e) {
          // not a process folder
        }
      }
    } catch (IOException e) {
      // An unreadable /proc lists nothing: the caller then finds no one to end.
    }
    return running;
  }

  /**
   * The environment the process was started with (its last exec), as {@code NAME=value} strings;
   * empty when it cannot be read (gone, a zombie, another user's).
   */
  List<String> environment(long pid) {
    try {
      return List.of(read(root.resolve(Long.toString(pid)).resolve("environ")).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The fields of a {@code /proc/<pid>/stat} line after the command name, from field 3 (state) on.
   * The name is in parentheses and may itself hold spaces and parentheses, so the split starts
   * after the last ')'.
   */
  static String[] fields(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a stat line: " + stat);
    }
    return stat.substring(close + 1).strip().split(" ");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.ISO_8859_1);
  }
}
