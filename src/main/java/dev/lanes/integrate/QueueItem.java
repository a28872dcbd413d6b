package dev.lanes.integrate;

import dev.lanes.ledger.HandoffStanding;
import dev.lanes.plan.LaneId;
import dev.lanes.scope.Scope;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One handed-off lane waiting to land: its attempt, wave and place in the plan, the agent that did
 * the work, the patch file, the base commit the patch was made on and the commit that captured it;
 * and what lanes itself recorded to check it against: the lane's effective scope as the plan gives
 * it now, the patch digest of its handoff entry, and why the ledger does not back the Board's row
 * (see {@link HandoffStanding}).
 */
public record QueueItem(
    LaneId lane,
    String objective,
    int wave,
    int planIndex,
    int attempt,
    String agent,
    Path patch,
    Optional<String> base,
    Optional<String> capturedCommit,
    Scope scope,
    HandoffStanding standing) {

  public QueueItem {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(patch, "patch");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(capturedCommit, "capturedCommit");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(standing, "standing");
  }
}
