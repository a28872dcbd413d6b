package dev.lanes.cli;

import dev.lanes.dispatch.LeftWorker;
import dev.lanes.error.ExitCode;
import dev.lanes.lock.LockId;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanes reclaim}: takes back a stale lock, with a note for the ledger. */
@Command(
    name = "reclaim",
    header = "Take back a stale lock, with a note.",
    description = {
      "Take back a stale lock (its expires time has passed). A live lock is refused with exit 3.",
      "The note goes into a reclaim entry; the lane's old holder can never write again."
    },
    footer = {
      "",
      "Exit codes: 0 reclaimed, 2 no such lock, 3 the lock is live.",
      "Example:",
      "  lanes reclaim L-003#2 --note \"laptop died mid-run\""
    })
public final class ReclaimCommand extends RepoCommand {
  @Parameters(index = "0", paramLabel = "LOCK_ID", description = "The lock id, e.g. L-003#2.")
  String lockId;

  @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why (required).")
  String note;

  @Override
  public Integer call() {
    var workspace = workspace();
    LockRow removed = wiring.laneActions(workspace.root()).reclaim(lockId, note, person());
    out()
        .printf(
            "reclaimed %s (held by %s); `lanes resume` or `lanes dispatch` the lane again%n",
            removed.lockId(), removed.owner());
    // The lock's holder may no longer write: a worker it left running is ended now.
    LockId.parse(removed.lockId())
        .map(LockId::lane)
        .filter(LaneId::isValid)
        .flatMap(lane -> LeftWorker.end(workspace.root(), new LaneId(lane)))
        .ifPresent(out()::println);
    return ExitCode.OK.code();
  }
}
