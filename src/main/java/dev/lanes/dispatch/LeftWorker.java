package dev.lanes.dispatch;

import dev.lanes.error.WorkFailedException;
import dev.lanes.lock.LockRegistry;
import dev.lanes.lock.LockScopes;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.process.KernelProcesses;
import dev.lanes.process.KernelProcesses.GroupEnding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The one check every command runs before it starts work in a lane's worktree or reads what a
 * worker left there (resume, dispatch of the lane, integrate, reclaim, cleanup): a worker its
 * lane's worker file records and that still runs is ended first, so that two attempts of a lane
 * never run at once and nothing reads a worktree a worker is still writing.
 *
 * <p>Normally there is nothing to end: a worker's group dies with its lanes process (see the
 * process package's sentinel). This check is for when the sentinel died too, or the worker outlived
 * it. Each caller runs it only once it has made sure, under PLAN.md's lock and Board, that no live
 * run holds the lane (the Board says the attempt is over or its lanes process is gone; the lock is
 * this command's now or was taken back), so any recorded worker still running is a leftover,
 * whoever its lanes process was. It is ended only when it is provably the recorded one: its group's
 * leader with the recorded start time, or a member started since, carrying the lane, the attempt
 * and the lane's worktree in its environment (see {@link KernelProcesses#endGroup}); a recycled pid
 * is never signalled, nor another repository's worker of a lane with the same name.
 */
public final class LeftWorker {
  private LeftWorker() {}

  /**
   * Ends the lane's recorded worker if it still runs, and says so: "ended attempt N's worker
   * (process group G) left by a killed lanes (pid P)"; empty when nothing ran.
   *
   * @throws WorkFailedException when the worker still runs after TERM and KILL (exit 1)
   */
  public static Optional<String> end(Path root, LaneId lane) {
    return end(root, List.of(lane)).stream().findFirst();
  }

  /** {@link #end(Path, LaneId)} for several lanes, with one scan of the machine's processes. */
  public static List<String> end(Path root, Collection<LaneId> lanes) {
    return end(root, lanes, KernelProcesses.system());
  }

  static List<String> end(Path root, Collection<LaneId> lanes, KernelProcesses processes) {
    Map<LaneId, WorkerFile> recorded = new LinkedHashMap<>();
    Map<Long, Long> leaderStarts = new HashMap<>();
    for (LaneId lane : lanes) {
      Optional<WorkerFile> file = WorkerFile.read(root, lane);
      if (file.isPresent()
          && file.get().workerGroup().isPresent()
          && file.get().workerStart().isPresent()
          && file.get().worktree().filter(w -> isLaneWorktree(root, lane, w)).isPresent()) {
        recorded.put(lane, file.get());
        leaderStarts.put(
            file.get().workerGroup().getAsLong(), file.get().workerStart().getAsLong());
      }
    }
    Set<Long> running = processes.running(leaderStarts);
    List<String> said = new ArrayList<>();
    recorded.forEach(
        (lane, w) -> {
          if (running.contains(w.workerGroup().getAsLong())) {
            end(lane, w, processes).ifPresent(said::add);
          }
        });
    return said;
  }

  /**
   * Whether the lanes process in charge of the lane's current attempt is still alive: the one its
   * worker file names (written as the lane takes a worker slot) when the file is of this attempt;
   * otherwise, for a lane still waiting for a slot, the owner of its lock ({@code pid@host}) when
   * that is this machine. A lock owned on another machine counts as alive, since lanes cannot see
   * its processes; a lane with neither is not. A lock's owner has no start time, so a recycled pid
   * reads as alive there: the lane then waits for its lock to go stale, which is the safe side.
   */
  public static boolean lanesAlive(
      Path root, LaneId id, int attempt, List<LockRow> locks, String thisHost) {
    Optional<WorkerFile> file = WorkerFile.read(root, id);
    if (file.isPresent() && file.get().attempt() == attempt) {
      return KernelProcesses.system().alive(file.get().lanesPid(), file.get().lanesStart());
    }
    Optional<LockRow> lock = new LockRegistry(locks, new LockScopes()).ofLane(id.value());
    if (lock.isEmpty()) {
      return false;
    }
    String owner = lock.get().owner().trim();
    int at = owner.indexOf('@');
    if (at < 0 || !owner.substring(at + 1).equals(thisHost)) {
      return true;
    }
    try {
      return KernelProcesses.system()
          .alive(Long.parseLong(owner.substring(0, at)), OptionalLong.empty());
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * Whether the recorded worktree is this repository's worktree of the lane: the path then tells
   * this repository's worker from another repository's with the same lane and attempt, and a record
   * pointing elsewhere is not acted on.
   */
  private static boolean isLaneWorktree(Path root, LaneId lane, String recorded) {
    Path expected = root.resolve(".lanes").resolve("worktrees").resolve(lane.value());
    try {
      Path path = Path.of(recorded);
      if (Files.exists(path) && Files.exists(expected)) {
        return Files.isSameFile(path, expected);
      }
      return path.toAbsolutePath().normalize().equals(expected.toAbsolutePath().normalize());
    } catch (IOException | InvalidPathException e) {
      return false;
    }
  }

  private static Optional<String> end(LaneId lane, WorkerFile w, KernelProcesses processes) {
    long group = w.workerGroup().getAsLong();
    GroupEnding ending =
        processes.endGroup(
            group,
            w.workerStart().getAsLong(),
            Map.of(
                "LANES_LANE",
                lane.value(),
                "LANES_ATTEMPT",
                Integer.toString(w.attempt()),
                "LANES_WORKTREE",
                w.worktree().orElseThrow()));
    String whose =
        processes.alive(w.lanesPid(), w.lanesStart())
            ? "left by lanes (pid " + w.lanesPid() + "), which no longer holds the lane"
            : "left by a killed lanes (pid " + w.lanesPid() + ")";
    return switch (ending) {
      case NOT_RUNNING -> Optional.empty();
      case ENDED ->
          Optional.of(
              "ended attempt " + w.attempt() + "'s worker (process group " + group + ") " + whose);
      case STILL_RUNNING ->
          throw new WorkFailedException(
              "attempt "
                  + w.attempt()
                  + " of lane "
                  + lane
                  + " still runs (process group "
                  + group
                  + ", "
                  + whose
                  + ") after TERM and KILL; end it with `kill -KILL -- -"
                  + group
                  + "` and try again");
    };
  }
}
