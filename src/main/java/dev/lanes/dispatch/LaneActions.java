package dev.lanes.dispatch;

import dev.lanes.error.BadInputException;
import dev.lanes.error.BusyException;
import dev.lanes.error.WorkFailedException;
import dev.lanes.ledger.ApprovalEntry;
import dev.lanes.ledger.CheckpointEntry;
import dev.lanes.ledger.ReclaimEntry;
import dev.lanes.lock.LockDecision;
import dev.lanes.lock.LockId;
import dev.lanes.lock.LockRegistry;
import dev.lanes.lock.LockScopes;
import dev.lanes.lock.Refusal;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardRows;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.port.GitFailure;
import dev.lanes.port.LaneWorktrees;
import dev.lanes.port.Store;
import dev.lanes.port.StoreUpdate;
import dev.lanes.port.WorktreeEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The small lane commands, each one store write: checkpoint, approve, reclaim; and cleanup of
 * finished worktrees, which never removes a worktree holding work no patch has captured.
 */
public final class LaneActions {
  private final Path root;
  private final Store store;
  private final Clock clock;

  public LaneActions(Path root, Store store, Clock clock) {
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
          int attempt = BoardRows.of(snap.plan(), id).map(BoardRow::attempt).orElse(0);
          return StoreUpdate.of(0)
              .withBoard(
                  board(
                      snap.plan(),
                      id,
                      DispatchPlanner.status(snap.plan(), id),
                      Optional.of(done),
                      Optional.empty()))
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
          StoreUpdate<Integer> update =
              StoreUpdate.of(0).appending(new ApprovalEntry(id, prefix, by, clock.instant()));
          Optional<BoardRow> row = BoardRows.of(snap.plan(), id);
          return row.isEmpty()
              ? update
              : update.withBoard(
                  board(
                      snap.plan(),
                      id,
                      row.get().status(),
                      Optional.empty(),
                      Optional.of("approved: " + prefix + " (resume to continue)")));
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
          LockDecision.Granted g = (LockDecision.Granted) d;
          LockRow removed = g.lock();
          LaneId lane = new LaneId(LockId.parse(removed.lockId()).orElseThrow().lane());
          StoreUpdate<LockRow> update =
              StoreUpdate.of(removed)
                  .withLocks(g.rows())
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
                    board(
                        snap.plan(),
                        lane,
                        BoardStatus.FAILED,
                        Optional.empty(),
                        Optional.of("lock reclaimed: " + note)));
          }
          return update;
        });
  }

  /** The Board with the lane's row set to {@code status}, its wave and attempt kept. */
  private List<BoardRow> board(
      Plan plan,
      LaneId id,
      BoardStatus status,
      Optional<String> checkpoint,
      Optional<String> note) {
    Optional<BoardRow> row = BoardRows.of(plan, id);
    return BoardRows.set(
        plan,
        id,
        status,
        row.map(BoardRow::wave).orElse(OptionalInt.empty()),
        row.map(BoardRow::attempt).orElse(0),
        checkpoint,
        note,
        clock.instant());
  }

  /**
   * Removes the worktrees and branches of integrated or cancelled lanes and prunes what git no
   * longer knows. A worktree whose files differ from its last captured commit is kept.
   */
  public List<String> cleanup(LaneWorktrees worktrees) {
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
      BoardStatus status = DispatchPlanner.status(plan, lane);
      if (status != BoardStatus.INTEGRATED && status != BoardStatus.CANCELLED) {
        continue;
      }
      // A worker a killed lanes left running here is ended before the worktree is read.
      LeftWorker.end(root, lane).ifPresent(said::add);
      boolean dirty;
      try {
        dirty = !worktrees.status(entry.path()).isEmpty();
      } catch (GitFailure e) {
        throw new WorkFailedException(
            "cannot read the worktree " + entry.path() + ": " + e.getMessage(), e);
      }
      if (dirty) {
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
