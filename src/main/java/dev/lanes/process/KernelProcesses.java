package dev.lanes.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Processes lanes recorded in a file and meets again in a later command: is the lanes process that
 * ran a lane still alive, and is the worker group it started still running, and if so, end it.
 *
 * <p>A recorded pid is only trusted together with the kernel's start time of that process ({@code
 * /proc/<pid>/stat} field 22): pids are handed out again, and a check by pid alone could find, or
 * kill, an unrelated process that got the number later. A zombie (state Z) is a process that has
 * ended and waits to be reaped: it counts as dead, which {@link ProcessHandle#isAlive()} and {@code
 * kill -0} do not do.
 *
 * <p>Where there is no {@code /proc} (macOS), start times cannot be read: liveness falls back to
 * {@link ProcessHandle}, and no recorded group is ever ended, since it cannot be told apart from a
 * stranger's.
 */
public final class KernelProcesses {

  private final Optional<ProcStat> proc;
  private final Optional<Path> kill;
  private final Duration grace;

  KernelProcesses(Optional<ProcStat> proc, Optional<Path> kill, Duration grace) {
    this.proc = proc;
    this.kill = kill;
    this.grace = grace;
  }

  /** The machine's processes, ended with the runner's grace between TERM and KILL. */
  public static KernelProcesses system() {
    return new KernelProcesses(
        ProcStat.system(), ShellProcessRunner.onPath("kill"), ShellProcessRunner.DEFAULT_GRACE);
  }

  /**
   * The kernel's start time of the process (clock ticks after boot); empty when it is gone or the
   * machine has no {@code /proc}.
   */
  public OptionalLong startTime(long pid) {
    return proc.flatMap(p -> p.entry(pid))
        .map(e -> OptionalLong.of(e.startTime()))
        .orElse(OptionalLong.empty());
  }

  /** True when the process leads its own process group (its pid is the group's id). */
  public boolean leadsGroup(long pid) {
    return proc.flatMap(p -> p.entry(pid)).map(e -> e.pgrp() == pid).orElse(false);
  }

  /**
   * True when the process exists, is not a zombie, and, when a start time is given, is the process
   * that started then rather than a later one with the same pid.
   */
  public boolean alive(long pid, OptionalLong startTime) {
    if (proc.isEmpty()) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    return proc.get()
        .entry(pid)
        .filter(ProcStat.Entry::running)
        .filter(e -> startTime.isEmpty() || e.startTime() == startTime.getAsLong())
        .isPresent();
  }

  /**
   * Which of these process groups have a running member started at or after the given time (a
   * group's recorded leader start), from one scan of /proc: a command that checks many recorded
   * groups pays one scan, and signals only the groups this finds.
   */
  public Set<Long> running(Map<Long, Long> leaderStartByGroup) {
    if (proc.isEmpty() || leaderStartByGroup.isEmpty()) {
      return Set.of();
    }
    Set<Long> found = new HashSet<>();
    for (ProcStat.Entry e : proc.get().runningEntries()) {
      Long start = leaderStartByGroup.get(e.pgrp());
      if (start != null && e.startTime() >= start) {
        found.add(e.pgrp());
      }
    }
    return found;
  }

  /** What {@link #endGroup} found and did. */
  public enum GroupEnding {
    /** No process of the recorded group runs (or none could be told to be of it). */
    NOT_RUNNING,
    /** It ran and is gone now. */
    ENDED,
    /** It still runs after TERM, the grace period, KILL and a second more. */
    STILL_RUNNING
  }

  /**
   * Ends the recorded process group if it still runs: TERM to the group, up to the grace period,
   * KILL, up to a second more.
   *
   * <p>The group is the recorded one only when one of its running members is provably of it: the
   * leader itself ({@code pid == pgid}) with the recorded start time, or a member started no
   * earlier than the leader; and in either case its environment carries every one of {@code marks}
   * (lanes puts the lane, the attempt and the worktree in every worker's environment, and no other
   * process can rewrite a process's initial environment). The start time keeps a recycled pid from
   * being taken for the worker; the marks keep a record a worker could have rewritten from pointing
   * lanes at a stranger's process.
   *
   * @param pgid the recorded group id (the worker shell's pid)
   * @param leaderStart the recorded start time of the group's leader
   * @param marks {@code NAME=value} entries every process of the worker has in its environment
   */
  public GroupEnding endGroup(long pgid, long leaderStart, Map<String, String> marks) {
    if (proc.isEmpty() || pgid <= 1) {
      return GroupEnding.NOT_RUNNING;
    }
    ProcStat stat = proc.get();
    if (!recorded(stat, pgid, leaderStart, marks)) {
      return GroupEnding.NOT_RUNNING;
    }
    // Every process of the recorded group was created after its leader: an older one is not of it.
    BooleanSupplier gone =
        () -> stat.groupMembers(pgid).stream().noneMatch(m -> m.startTime() >= leaderStart);
    signal(stat, pgid, leaderStart, "TERM");
    if (!ProcessTree.waitUntil(gone, grace)) {
      signal(stat, pgid, leaderStart, "KILL");
      if (!ProcessTree.waitUntil(gone, ProcessTree.AFTER_KILL)) {
        return GroupEnding.STILL_RUNNING;
      }
    }
    return GroupEnding.ENDED;
  }

  private static boolean recorded(
      ProcStat stat, long pgid, long leaderStart, Map<String, String> marks) {
    for (ProcStat.Entry member : stat.groupMembers(pgid)) {
      boolean startFits =
          member.pid() == pgid
              ? member.startTime() == leaderStart
              : member.startTime() >= leaderStart;
      if (startFits && carries(stat.environment(member.pid()), marks)) {
        return true;
      }
    }
    return false;
  }

  private static boolean carries(List<String> environment, Map<String, String> marks) {
    return marks.entrySet().stream()
        .allMatch(m -> environment.contains(m.getKey() + "=" + m.getValue()));
  }

  /**
   * {@code kill -s <signal> -- -<pgid>}: one signal to the whole group, forks included. Without a
   * {@code kill} executable, each member found is signalled through {@link ProcessHandle}, which
   * checks the start time it read against the process before it signals.
   */
  private void signal(ProcStat stat, long pgid, long leaderStart, String signal) {
    if (kill.isEmpty()) {
      for (ProcStat.Entry member : stat.groupMembers(pgid)) {
        if (member.startTime() >= leaderStart) {
          ProcessHandle.of(member.pid())
              .ifPresent(p -> ProcessTree.destroy(p, signal.equals("KILL")));
        }
      }
      return;
    }
    ProcessTree.signalGroup(kill.get(), signal, pgid);
  }
}
