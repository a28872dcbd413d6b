package dev.lanes.ledger;

import dev.lanes.plan.LaneId;
import java.util.Locale;

/**
 * One event of a lane, written once as {@code ledger/<lane>/<NNN>-<kind>.md} and never rewritten.
 */
public sealed interface LedgerEntry
    permits DispatchEntry,
        CheckpointEntry,
        HandoffEntry,
        FailureEntry,
        ApprovalEntry,
        IntegrationEntry,
        ReclaimEntry {

  /** The kinds of ledger entry the contract names; the word is the file name's suffix. */
  enum Kind {
    DISPATCH,
    CHECKPOINT,
    HANDOFF,
    FAILURE,
    APPROVAL,
    INTEGRATION,
    RECLAIM,
    TOURNAMENT;

    /** The lower-case word used in file names and titles, e.g. {@code handoff}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The word with a capital first letter, as entry titles write it. */
    String title() {
      return name().charAt(0) + word().substring(1);
    }
  }

  LaneId lane();

  Kind kind();

  /** The entry as markdown with LF line endings; the same entry always gives the same text. */
  String render();
}
