package dev.lanes.dispatch;

import dev.lanes.error.BadInputException;
import dev.lanes.error.BusyException;
import dev.lanes.error.WorkFailedException;
import dev.lanes.git.CliCallException;
import dev.lanes.git.GitCli;
import dev.lanes.git.WorktreeEntry;
import dev.lanes.git.Worktrees;
import dev.lanes.ledger.ApprovalEntry;
import dev.lanes.ledger.CheckpointEntry;
import dev.lanes.ledger.ReclaimEntry;
import dev.lanes.lock.LockDecision;
import dev.lanes.lock.LockId;
import dev.lanes.lock.LockRegistry;
import dev.lanes.lock.Refusal;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.store.PlanStore;
import dev.lanes.store.StoreUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small lane commands, each one store write: checkpoint, approve, reclaim; and cleanup of
 * finished worktrees, which never removes a worktree holding work no patch has captured.
 */
public final class LaneActions {
  private final Path root;
  private final PlanStore store;
  private final Clock clock;

  public LaneActions(Path root, PlanStore store, Clock clock) {
    this.root = root;
    this.store = store;
    this.clock = clock;
  }

  private static LaneId laneOf(Plan plan, String id) {
    if (!LaneId.isValid(id) || plan.lane(new LaneId(id)).isEmpty()) {
      throw BadInputException.usage("no lane `" + id + "` in PLAN.md");
    }
    return new LaneId(id);
  }

  /** Appends a checkpoint entry and shows it on the Board. */
  public void checkpoint(String lane, String done, String next) {
    store.update(
        snap -> {
          LaneId id = laneOf(snap.plan(), lane);
          BoardRow row = BoardRows.of(snap.plan(), id).orElse(null);
          int attempt = row == null ? 0 : row.attempt();
          BoardStatus status = row == null ? BoardStatus.PLANNED : row.status();
          return StoreUpdate.of(0)
              .withBoard(
                  BoardRows.set(
                      snap.plan(),
                      id,
                      status,
                      row == null ? java.util.OptionalInt.empty() : row.wave(),
                      attempt,
                      Optional.of(done),
                      Optional.empty(),
                      clock.instant()))
              .appending(new CheckpointEntry(id, attempt, done, next, clock.instant()));
        });
  }

  /** Records a person's approval of commands starting with {@code prefix}. */
  public void approve(String lane, String prefix, String by) {
    if (prefix.isBlank()) {
      throw BadInputException.usage(
          "--scope needs the command prefix to approve, e.g. \"npm install\"");
    }
    store.update(
        snap -> {
          LaneId id = laneOf(snap.plan(), lane);
          BoardRow row = BoardRows.of(snap.plan(), id).orElse(null);
          StoreUpdate<Integer> update =
              StoreUpdate.of(0).appending(new ApprovalEntry(id, prefix, by, clock.instant()));
          if (row != null) {
            update =
                update.withBoard(
                    BoardRows.set(
                        snap.plan(),
                        id,
                        row.status(),
                        row.wave(),
                        row.attempt(),
                        Optional.empty(),
                        Optional.of("approved: " + prefix + " (resume to continue)"),
                        clock.instant()));
          }
          return update;
        });
  }

  /** Takes back a stale lock (exit 3 for a live one) and writes a reclaim entry with the note. */
  public LockRow reclaim(String lockId, String note, String by) {
    if (note.isBlank()) {
      throw BadInputException.usage("--note is required: say why the lock is taken back");
    }
    return store.update(
        snap -> {
          LockDecision d =
              new LockRegistry(snap.plan().locks(), new LockScopes())
                  .reclaim(lockId, clock.instant());
          if (d instanceof LockDecision.Refused r) {
            if (r.why() == Refusal.UNKNOWN_LOCK) {
              throw BadInputException.usage(r.reason());
            }
            throw new BusyException(r.reason());
          }
          LockRow removed = ((LockDecision.Granted) d).lock();
          LaneId lane = new LaneId(LockId.parse(removed.lockId()).orElseThrow().lane());
          StoreUpdate<LockRow> update =
              StoreUpdate.of(removed)
                  .withLocks(((LockDecision.Granted) d).rows())
                  .appending(
                      new ReclaimEntry(
                          lane, removed.lockId(), removed.owner(), note, by, clock.instant()));
          Optional<BoardRow> row = BoardRows.of(snap.plan(), lane);
          // A lane whose worker held the lock cannot go on without it; a handed-off lane can.
          if (row.isPresent()
              && snap.plan().lane(lane).isPresent()
              && List.of(BoardStatus.DISPATCHED, BoardStatus.RUNNING, BoardStatus.BLOCKED)
                  .contains(row.get().status())) {
            update =
                update.withBoard(
                    BoardRows.set(
                        snap.plan(),
                        lane,
                        BoardStatus.FAILED,
                        row.get().wave(),
                        row.get().attempt(),
                        Optional.empty(),
                        Optional.of("lock reclaimed: " + note),
                        clock.instant()));
          }
          return update;
        });
  }

  /**
   * Removes the worktrees and branches of integrated or cancelled lanes and prunes what git no
   * longer knows. A worktree whose files differ from its last captured commit is kept.
   */
  public List<String> cleanup(GitCli git, Worktrees worktrees) {
    Plan plan = store.read();
    List<String> said = new ArrayList<>();
    worktrees.prune(root);
    for (WorktreeEntry entry : worktrees.list(root)) {
      Optional<String> branch = entry.branch();
      if (branch.isEmpty() || !branch.get().startsWith("lanes/")) {
        continue;
      }
      String name = branch.get().substring("lanes/".length());
      String laneName = name.replaceFirst("\\.\\d+$", "");
      if (!LaneId.isValid(laneName)) {
        continue;
      }
      LaneId lane = new LaneId(laneName);
      BoardStatus status =
          BoardRows.of(plan, lane).map(BoardRow::status).orElse(BoardStatus.PLANNED);
      if (status != BoardStatus.INTEGRATED && status != BoardStatus.CANCELLED) {
        continue;
      }
      // A worker a killed lanes left running here is ended before the worktree is read.
      LeftWorker.end(root, lane).ifPresent(said::add);
      String dirty;
      try {
        dirty = git.run(entry.path(), "status", "--porcelain", "--untracked-files=all");
      } catch (CliCallException e) {
        throw new WorkFailedException(
            "cannot read the worktree " + entry.path() + ": " + e.getMessage(), e);
      }
      if (!dirty.isBlank()) {
        said.add(
            "kept "
                + root.relativize(entry.path())
                + ": it holds changes no patch has captured (commit or discard them first)");
        continue;
      }
      worktrees.remove(root, name, false);
      worktrees.deleteBranch(root, name, true);
      said.add("removed " + root.relativize(entry.path()) + " and branch " + branch.get());
    }
    worktrees.prune(root);
    if (Files.isDirectory(root.resolve(".lanes/worktrees")) && said.isEmpty()) {
      said.add("nothing to clean up: no worktree of an integrated or cancelled lane");
    }
    return said;
  }
}
