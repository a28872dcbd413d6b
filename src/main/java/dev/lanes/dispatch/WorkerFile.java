package dev.lanes.dispatch;

import dev.lanes.plan.LaneId;
import dev.lanes.process.KernelProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code .lanes/run/<lane>/worker}: which lanes process runs the lane's current attempt (written as
 * the lane takes a worker slot) and, once started, its worker. Lines: {@code lanes-pid N}, {@code
 * lanes-start T}, {@code worker-pid N}, {@code worker-pgid N}, {@code worker-start T}, {@code
 * worker-worktree PATH}, {@code attempt N}; the worker lines only once it started, the start times
 * (the kernel's, see {@link KernelProcesses}) only where /proc has them. Files written before start
 * times were recorded still read: their lanes process is then judged by its pid alone, and their
 * worker is never ended by a later command, since nothing proves it is still the same process.
 *
 * @param lanesStart the lanes process's start time, so that a recycled pid does not read as alive
 * @param workerPid the worker shell's pid, once started
 * @param workerGroup its process group: the runner makes each worker lead its own ({@code setsid}),
 *     so it is the worker's pid; a worker that leads none has no members under that id, and nothing
 *     is ended through it
 * @param workerStart the worker shell's start time
 * @param worktree the worker's {@code LANES_WORKTREE}, which every process of it carries in its
 *     environment: with the lane and attempt, it tells this worker from any other lanes started
 */
record WorkerFile(
    long lanesPid,
    OptionalLong lanesStart,
    int attempt,
    OptionalLong workerPid,
    OptionalLong workerGroup,
    OptionalLong workerStart,
    Optional<String> worktree) {

  /** This process's start time, read once. */
  private static final OptionalLong SELF_START =
      KernelProcesses.system().startTime(ProcessHandle.current().pid());

  static Path of(Path runDir) {
    return runDir.resolve("worker");
  }

  /**
   * Writes the file for this process running {@code attempt}: a new file moved over the old one, so
   * that a kill mid-write leaves the old record or the new, never half of one.
   */
  static void write(Path runDir, Optional<Long> workerPid, Optional<Path> worktree, int attempt) {
    Path file = of(runDir);
    Path fresh = runDir.resolve("worker.new");
    try {
      Files.createDirectories(runDir);
      Files.writeString(fresh, text(workerPid, worktree, attempt), StandardCharsets.UTF_8);
      Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The file's text for this process running {@code attempt}. */
  private static String text(Optional<Long> workerPid, Optional<Path> worktree, int attempt) {
    StringBuilder text = new StringBuilder("lanes-pid ").append(ProcessHandle.current().pid());
    SELF_START.ifPresent(t -> text.append("\nlanes-start ").append(t));
    workerPid.ifPresent(
        pid -> {
          text.append("\nworker-pid ").append(pid).append("\nworker-pgid ").append(pid);
          KernelProcesses.system()
              .startTime(pid)
              .ifPresent(t -> text.append("\nworker-start ").append(t));
        });
    worktree.ifPresent(w -> text.append("\nworker-worktree ").append(w));
    return text.append("\nattempt ").append(attempt).append('\n').toString();
  }

  /** The lane's worker file; empty when there is none or it cannot be read. */
  static Optional<WorkerFile> read(Path root, LaneId id) {
    Path file = of(root.resolve(".lanes").resolve("run").resolve(id.value()));
    long pid = -1;
    int attempt = -1;
    OptionalLong lanesStart = OptionalLong.empty();
    OptionalLong workerPid = OptionalLong.empty();
    OptionalLong workerGroup = OptionalLong.empty();
    OptionalLong workerStart = OptionalLong.empty();
    Optional<String> worktree = Optional.empty();
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      for (String line : Files.readAllLines(file)) {
        int space = line.indexOf(' ');
        if (space < 0) {
          continue;
        }
        String value = line.substring(space + 1).trim();
        switch (line.substring(0, space)) {
          case "lanes-pid" -> pid = Long.parseLong(value);
          case "lanes-start" -> lanesStart = OptionalLong.of(Long.parseLong(value));
          case "worker-pid" -> workerPid = OptionalLong.of(Long.parseLong(value));
          case "worker-pgid" -> workerGroup = OptionalLong.of(Long.parseLong(value));
          case "worker-start" -> workerStart = OptionalLong.of(Long.parseLong(value));
          case "worker-worktree" -> worktree = Optional.of(value);
          case "attempt" -> attempt = Integer.parseInt(value);
          default -> {
            // A line a later version adds: not needed here.
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return pid < 0
        ? Optional.empty()
        : Optional.of(
            new WorkerFile(
                pid, lanesStart, attempt, workerPid, workerGroup, workerStart, worktree));
  }
}
