package dev.lanes.ledger;

import dev.lanes.plan.LaneId;
import java.time.Instant;
import java.util.Objects;

/** A stale lock was taken back by {@code lanes reclaim}, with the person's note. */
public record ReclaimEntry(
    LaneId lane, String lockId, String previousOwner, String note, String by, Instant at)
    implements LedgerEntry {

  public ReclaimEntry {
    Objects.requireNonNull(lane, "lane");
    lockId = EntryMarkdown.line(lockId);
    previousOwner = EntryMarkdown.line(previousOwner);
    note = EntryMarkdown.block(note);
    by = EntryMarkdown.line(by);
    at = EntryMarkdown.minute(at);
  }

  @Override
  public Kind kind() {
    return Kind.RECLAIM;
  }

  @Override
  public String render() {
    return new EntryMarkdown("Reclaim: " + lane)
        .item("Lock", lockId)
        .item("Previous owner", previousOwner)
        .item("By", by)
        .item("At", EntryMarkdown.time(at))
        .text("Note", note)
        .render();
  }
}
