package dev.lanes.ledger;

import dev.lanes.plan.LaneId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The integrator landed or dropped one attempt of a lane.
 *
 * @param commit the landed commit on the target branch; empty when dropped
 * @param gates the gate outcomes as text, one per line
 * @param reason why it was dropped, or a note on the landing
 */
public record IntegrationEntry(
    LaneId lane,
    int attempt,
    IntegrationResult result,
    Optional<String> commit,
    String gates,
    String reason,
    Instant at)
    implements LedgerEntry {

  public IntegrationEntry {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(result, "result");
    commit = commit.map(EntryMarkdown::line).filter(c -> !c.isEmpty());
    gates = EntryMarkdown.block(gates);
    reason = EntryMarkdown.block(reason);
    at = EntryMarkdown.minute(at);
  }

  @Override
  public Kind kind() {
    return Kind.INTEGRATION;
  }

  @Override
  public String render() {
    return new EntryMarkdown("Integration: " + lane + " attempt " + attempt)
        .item("Result", result.word())
        .item("Commit", commit.orElse(EntryMarkdown.NONE))
        .item("At", EntryMarkdown.time(at))
        .text("Gates", gates)
        .text("Reason", reason)
        .render();
  }
}
