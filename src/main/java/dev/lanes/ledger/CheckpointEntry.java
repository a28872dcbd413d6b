package dev.lanes.ledger;

import dev.lanes.plan.LaneId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A worker's own progress note, from {@code lanes checkpoint --done … --next …}; a resume starts
 * from the last one. Texts are kept with LF line endings and without outer blank lines.
 */
public record CheckpointEntry(LaneId lane, int attempt, String done, String next, Instant at)
    implements LedgerEntry {

  public CheckpointEntry {
    Objects.requireNonNull(lane, "lane");
    done = EntryMarkdown.block(done);
    next = EntryMarkdown.block(next);
    at = EntryMarkdown.minute(at);
  }

  @Override
  public Kind kind() {
    return Kind.CHECKPOINT;
  }

  @Override
  public String render() {
    return new EntryMarkdown("Checkpoint: " + lane + " attempt " + attempt)
        .item("At", EntryMarkdown.time(at))
        .text("Done", done)
        .text("Next", next)
        .render();
  }

  /** Reads a rendered checkpoint entry back; empty when the text is not one. */
  static Optional<CheckpointEntry> read(EntryText t) {
    if (t.kind().orElse(null) != Kind.CHECKPOINT
        || t.lane().isEmpty()
        || t.attempt().isEmpty()
        || t.at().isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new CheckpointEntry(
            t.lane().get(), t.attempt().getAsInt(), t.text("Done"), t.text("Next"), t.at().get()));
  }
}
