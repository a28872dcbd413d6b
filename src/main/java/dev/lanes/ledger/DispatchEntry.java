package dev.lanes.ledger;

import dev.lanes.plan.LaneId;
import java.time.Instant;
import java.util.Objects;

/**
 * A worker was started for a lane: which attempt, under which lock, with which agent and command,
 * in which worktree and branch, from which base commit, over which scope.
 *
 * @param lockId the lock's id, {@code <lane>#<fence>}; read back to keep fences growing
 * @param scope the lock's scope text as the Locks table writes it
 */
public record DispatchEntry(
    LaneId lane,
    int attempt,
    String lockId,
    String agent,
    String command,
    String worktree,
    String branch,
    String baseCommit,
    String scope,
    Instant at)
    implements LedgerEntry {

  public DispatchEntry {
    Objects.requireNonNull(lane, "lane");
    lockId = EntryMarkdown.line(lockId);
    agent = EntryMarkdown.line(agent);
    command = EntryMarkdown.line(command);
    worktree = EntryMarkdown.line(worktree);
    branch = EntryMarkdown.line(branch);
    baseCommit = EntryMarkdown.line(baseCommit);
    scope = EntryMarkdown.line(scope);
    at = EntryMarkdown.minute(at);
  }

  @Override
  public Kind kind() {
    return Kind.DISPATCH;
  }

  @Override
  public String render() {
    return new EntryMarkdown("Dispatch: " + lane + " attempt " + attempt)
        .item("Lock", lockId)
        .item("Agent", agent)
        .item("Command", EntryMarkdown.code(command))
        .item("Worktree", EntryMarkdown.code(worktree))
        .item("Branch", EntryMarkdown.code(branch))
        .item("Base", baseCommit)
        .item("Scope", scope)
        .item("At", EntryMarkdown.time(at))
        .render();
  }
}
