package dev.lanes.crash;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The live processes of one test case, found in Linux's {@code /proc} by a variable {@code
 * NAME=value} in their environment. The test sets it on every lanes command it starts; lanes passes
 * its environment on to workers, gates and git, so every process any lanes command of the case
 * started carries it, even once orphaned, and none of anyone else's does. Zombies (dead, not yet
 * reaped by their new parent) are not alive and are left out.
 */
final class MarkedProcesses {
  private final byte[] marker;

  MarkedProcesses(String name, String value) {
    this.marker = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
  }

  /** One live process: its pid, process group, command line and environment. */
  record Proc(long pid, long pgid, String cmdline, Map<String, String> env) {
    /** The lane of a worker or lane gate ({@code LANES_LANE}); empty for git and other gates. */
    Optional<String> lane() {
      return Optional.ofNullable(env.get("LANES_LANE"));
    }

    /** The attempt of a worker or lane gate ({@code LANES_ATTEMPT}), 0 when it has none. */
    int attempt() {
      try {
        return Integer.parseInt(env.getOrDefault("LANES_ATTEMPT", "0"));
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    @Override
    public String toString() {
      return "pid "
          + pid
          + lane().map(l -> " (" + l + " attempt " + attempt() + ")").orElse("")
          + ": "
          + (cmdline.length() > 120 ? cmdline.substring(0, 120) + "..." : cmdline);
    }
  }

  /** Every live process of the case now. */
  List<Proc> scan() {
    List<Proc> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"))) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        read(Long.parseLong(name), entry).ifPresent(found::add);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
    }
    return found;
  }

  /**
   * Waits up to {@code grace} for the processes {@code unwanted} picks to end, re-scanning every 50
   * ms; returns those still alive then (an empty list as soon as none is).
   */
  List<Proc> awaitGone(Predicate<Proc> unwanted, long grace, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(grace);
    while (true) {
      List<Proc> left = scan().stream().filter(unwanted).toList();
      if (left.isEmpty() || System.nanoTime() > deadline) {
        return left;
      }
      Thread.sleep(50);
    }
  }

  /**
   * Ends the processes with SIGKILL, and the groups lanes started them in, so that nothing of
   * theirs goes on. A git command lanes ran directly shares the group of this test's JVM: that
   * group is never signalled.
   */
  static void end(Collection<Proc> procs) {
    long ours = ownGroup();
    for (Proc p : procs) {
      ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
      if (ours < 0 || p.pgid() == ours || p.pgid() <= 1) {
        continue;
      }
      try {
        new ProcessBuilder("kill", "-KILL", "--", "-" + p.pgid())
            .start()
            .waitFor(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        // kill(1) missing: the pid itself was killed above
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The process group of this JVM, -1 when /proc does not say. */
  static long ownGroup() {
    try {
      String stat = new String(bytes(Path.of("/proc/self/stat")), StandardCharsets.ISO_8859_1);
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 1).strip().split(" ", 4)[2]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private Optional<Proc> read(long pid, Path dir) {
    try {
      byte[] environ = bytes(dir.resolve("environ"));
      if (!holdsMarker(environ)) {
        return Optional.empty();
      }
      String stat = new String(bytes(dir.resolve("stat")), StandardCharsets.ISO_8859_1);
      // The fields after the command name, which may itself hold spaces and parentheses.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 1).strip().split(" ", 4);
      if (fields[0].equals("Z") || fields[0].equals("X")) {
        return Optional.empty();
      }
      String cmdline =
          new String(bytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
      return Optional.of(
          new Proc(pid, Long.parseLong(fields[2]), cmdline.strip(), variables(environ)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // ended between listing and reading, or not ours to read
    }
  }

  private boolean holdsMarker(byte[] environ) {
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        if (i - start == marker.length
            && java.util.Arrays.equals(environ, start, i, marker, 0, marker.length)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  private static Map<String, String> variables(byte[] environ) {
    Map<String, String> vars = new HashMap<>();
    for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        vars.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return vars;
  }

  private static byte[] bytes(Path file) throws IOException {
    try (InputStream in = new FileInputStream(file.toFile())) {
      return in.readAllBytes();
    }
  }
}
