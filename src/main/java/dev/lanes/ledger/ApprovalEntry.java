package dev.lanes.ledger;

import dev.lanes.plan.LaneId;
import java.time.Instant;
import java.util.Objects;

/** A person allowed a blocked lane to run commands starting with {@code scopePrefix}. */
public record ApprovalEntry(LaneId lane, String scopePrefix, String approvedBy, Instant at)
    implements LedgerEntry {

  public ApprovalEntry {
    Objects.requireNonNull(lane, "lane");
    scopePrefix = EntryMarkdown.line(scopePrefix);
    approvedBy = EntryMarkdown.line(approvedBy);
    if (scopePrefix.isEmpty()) {
      throw new IllegalArgumentException("an approval needs a command prefix");
    }
    at = EntryMarkdown.minute(at);
  }

  @Override
  public Kind kind() {
    return Kind.APPROVAL;
  }

  @Override
  public String render() {
    return new EntryMarkdown("Approval: " + lane)
        .item("Scope", EntryMarkdown.code(scopePrefix))
        .item("Approved by", approvedBy)
        .item("At", EntryMarkdown.time(at))
        .render();
  }
}
