package dev.lanes.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** True when the process exists and is not a zombie. */
  boolean running(long pid) {
    return fields(root.resolve(Long.toString(pid)).resolve("stat"))
        .map(ProcStat::isRunning)
        .orElse(false);
  }

  /** True when some process of the group exists and is not a zombie. */
  boolean groupRunning(long pgid) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        Optional<String[]> fields = fields(entry.resolve("stat"));
        if (fields.isPresent()
            && isRunning(fields.get())
            && fields.get()[2].equals(Long.toString(pgid))) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return true; // cannot tell: assume running, so the caller escalates to KILL
    }
  }

  /**
   * The fields after the command name: state, ppid, pgrp, ... The name is in parentheses and may
   * itself hold spaces and parentheses, so the split starts after the last ')'.
   */
  private static Optional<String[]> fields(Path stat) {
    try {
      String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
      int close = text.lastIndexOf(')');
      if (close < 0) {
        return Optional.empty();
      }
      String[] fields = text.substring(close + 1).strip().split(" ");
      return fields.length >= 3 ? Optional.of(fields) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // the process ended between listing and reading
    }
  }

  private static boolean isRunning(String[] fields) {
    return !fields[0].equals("Z") && !fields[0].equals("X");
  }
}
