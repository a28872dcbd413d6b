package dev.lanes.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 *
 * <p>Finding a group's members by scanning every {@code /proc/<pid>/stat} costs about a millisecond
 * per check, paid after every command. A group started by {@code setsid} only ever holds its leader
 * and processes created after it (its new session admits no one from outside), and Linux hands out
 * pids in cyclic order, so {@link #groupRunning(long, long)} reads only the leader's pid and those
 * allocated since: up to the last pid allocated ({@code /proc/loadavg}), across the wrap at {@code
 * pid_max}.
 */
final class ProcStat {

  /** Up to this many candidate pids, reading each by number is cheaper than listing /proc. */
  static final int DIRECT_READS = 256;

  /** Where Linux's pid allocation starts again after reaching pid_max (kernel/pid.c). */
  static final long RESERVED_PIDS = 300;

  private static final String FORKS_KEY = "\nprocesses ";

  private static final Optional<ProcStat> SYSTEM = probeSystem();

  private final Path root;

  ProcStat(Path root) {
    this.root = root;
  }

  /** The system's {@code /proc} when it has per-process stat files, else empty (macOS). */
  static Optional<ProcStat> system() {
    return SYSTEM;
  }

  private static Optional<ProcStat> probeSystem() {
    Path proc = Path.of("/proc");
    return Files.isRegularFile(proc.resolve("self/stat"))
        ? Optional.of(new ProcStat(proc))
        : Optional.empty();
  }

  /**
   * How many tasks (processes and threads) the kernel has created since boot, from the {@code
   * processes} line of {@code /proc/stat}; -1 when unknown. Taken before a launch, it bounds how
   * many pids can have been allocated since.
   */
  long forks() {
    try {
      String text = read(root.resolve("stat"));
      int at = text.indexOf(FORKS_KEY);
      if (at < 0) {
        return -1;
      }
      int start = at + FORKS_KEY.length();
      int end = text.indexOf('\n', start);
      return Long.parseLong(text.substring(start, end < 0 ? text.length() : end).strip());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** True when the process exists and is not a zombie. */
  boolean running(long pid) {
    return fields(pidStat(pid)).map(ProcStat::isRunning).orElse(false);
  }

  /**
   * One process as its stat line gives it: state, process group, session and start time ({@code
   * starttime}, field 22: clock ticks after boot). A pid and its start time name one process for as
   * long as the machine runs, which a pid alone does not once pids are handed out again.
   */
  record Entry(long pid, String state, long pgrp, long session, long startTime) {
    boolean running() {
      return !state.equals("Z") && !state.equals("X");
    }
  }

  /** The process's stat line, or empty when there is no such process (or it cannot be read). */
  Optional<Entry> entry(long pid) {
    return entry(pid, pidStat(pid));
  }

  private static Optional<Entry> entry(long pid, Path stat) {
    try {
      String text = read(stat);
      int close = text.lastIndexOf(')');
      if (close < 0) {
        return Optional.empty();
      }
      // Fields from 3 (state) on; starttime, field 22, is the 20th of them.
      String[] f = text.substring(close + 1).strip().split(" ", 21);
      if (f.length < 21) {
        return Optional.empty();
      }
      return Optional.of(
          new Entry(pid, f[0], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[19])));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Every process of the group that is not a zombie, from a scan of all of /proc. */
  List<Entry> groupMembers(long pgid) {
    return runningEntries().stream().filter(e -> e.pgrp() == pgid).toList();
  }

  /** Every process that is not a zombie, from a scan of all of /proc. */
  List<Entry> runningEntries() {
    List<Entry> running = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path dir : entries) {
        long pid = pidOf(dir.getFileName().toString());
        if (pid > 0) {
          entry(pid, dir.resolve("stat")).filter(Entry::running).ifPresent(running::add);
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
      String text = read(root.resolve(Long.toString(pid)).resolve("environ"));
      return List.of(text.split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * True when some process of the group exists and is not a zombie, from a scan of all of /proc.
   */
  boolean groupRunning(long pgid) {
    return scan(pgid, new Candidates(1, Long.MAX_VALUE, 1, 0));
  }

  /**
   * Like {@link #groupRunning(long)} for the group a {@code setsid} shell leads, launched after
   * {@link #forks()} returned {@code forksBefore}: only the leader and pids allocated since can be
   * members, so only those are read. Falls back to the full scan when the last allocated pid, the
   * wrap point or the fork count cannot be read.
   */
  boolean groupRunning(long pgid, long forksBefore) {
    Optional<Candidates> candidates = candidates(pgid, forksBefore);
    if (candidates.isEmpty()) {
      return groupRunning(pgid);
    }
    Candidates range = candidates.get();
    if (range.count() > DIRECT_READS) {
      return scan(pgid, range);
    }
    // Pids of other processes' threads fall in the range too: /proc/<tid> reads fine by number
    // and carries its process's group, so checking the group field keeps them out.
    return readRange(range.low(), range.high(), pgid)
        || readRange(range.wrapLow(), range.wrapHigh(), pgid);
  }

  /**
   * The leader's pid and those allocated after it, or empty when they cannot be told. The last pid
   * is read before the fork count, so that every allocation up to that pid is counted.
   */
  private Optional<Candidates> candidates(long pgid, long forksBefore) {
    if (forksBefore < 0) {
      return Optional.empty();
    }
    long last = lastPid();
    long pidMax = pidMax();
    long forksNow = forks();
    // A last pid of 0 or past pid_max is no kernel's cursor (sandboxes fake /proc/loadavg).
    if (last <= 0 || last >= pidMax || forksNow < 0) {
      return Optional.empty();
    }
    // After a whole lap of the pid space the cursor may have passed the leader again, leaving
    // older members outside [leader, last]. Each allocation is one fork, counted system-wide (an
    // upper bound); half a lap leaves room for pids the count misses (forks failing after theirs).
    if (forksNow - forksBefore >= (pidMax - RESERVED_PIDS) / 2) {
      return Optional.empty();
    }
    if (last >= pgid) {
      return Optional.of(new Candidates(pgid, last, 1, 0));
    }
    // Once past pid_max the kernel starts again at RESERVED_PIDS, never lower: pids below it only
    // go to the first processes of a namespace.
    long wrapLow = last >= RESERVED_PIDS ? RESERVED_PIDS : 1;
    return Optional.of(new Candidates(pgid, pidMax - 1, wrapLow, last));
  }

  private boolean readRange(long low, long high, long pgid) {
    for (long pid = low; pid <= high; pid++) {
      if (isMember(pidStat(pid), pgid)) {
        return true;
      }
    }
    return false;
  }

  /** The most recently allocated pid in this pid namespace: the last field of /proc/loadavg. */
  private long lastPid() {
    try {
      String text = read(root.resolve("loadavg")).strip();
      return Long.parseLong(text.substring(text.lastIndexOf(' ') + 1));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private long pidMax() {
    try {
      return Long.parseLong(read(root.resolve("sys/kernel/pid_max")).strip());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Reads the stat of every listed process whose pid is a candidate. */
  private boolean scan(long pgid, Candidates candidates) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        long pid = pidOf(entry.getFileName().toString());
        if (pid > 0 && candidates.contains(pid) && isMember(entry.resolve("stat"), pgid)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return true; // cannot tell: assume running, so the caller escalates to KILL
    }
  }

  private static long pidOf(String name) {
    if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(name);
  }

  private Path pidStat(long pid) {
    return root.resolve(Long.toString(pid)).resolve("stat");
  }

  private static boolean isMember(Path stat, long pgid) {
    Optional<String[]> fields = fields(stat);
    return fields.isPresent()
        && isRunning(fields.get())
        && fields.get()[2].equals(Long.toString(pgid));
  }

  /**
   * The fields after the command name: state, ppid, pgrp, ... The name is in parentheses and may
   * itself hold spaces and parentheses, so the split starts after the last ')'.
   */
  private static Optional<String[]> fields(Path stat) {
    try {
      String text = read(stat);
      int close = text.lastIndexOf(')');
      if (close < 0) {
        return Optional.empty();
      }
      // Only state, ppid and pgrp are used: the rest of the 50-odd fields stays one string.
      String[] fields = text.substring(close + 1).strip().split(" ", 4);
      return fields.length >= 3 ? Optional.of(fields) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // the process ended between listing and reading
    }
  }

  /**
   * The whole of a small /proc file; a plain stream costs about half what {@link Files#readString}
   * does, which shows when a check reads a dozen of them.
   */
  private static String read(Path file) throws IOException {
    try (InputStream in = new FileInputStream(file.toFile())) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static boolean isRunning(String[] fields) {
    return !fields[0].equals("Z") && !fields[0].equals("X");
  }

  /**
   * Pids {@code low..high} and {@code wrapLow..wrapHigh}; an interval whose high is below its low
   * is empty.
   */
  private record Candidates(long low, long high, long wrapLow, long wrapHigh) {
    long count() {
      return Math.max(0, high - low + 1) + Math.max(0, wrapHigh - wrapLow + 1);
    }

    boolean contains(long pid) {
      return (pid >= low && pid <= high) || (pid >= wrapLow && pid <= wrapHigh);
    }
  }
}
