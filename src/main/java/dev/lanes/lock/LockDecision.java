package dev.lanes.lock;

import dev.lanes.plan.LockRow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a lock registry operation decided: the new Locks table rows, or a refusal to show. */
public sealed interface LockDecision {

  /**
   * The operation was done: {@code rows} is the whole new Locks table, {@code lock} the row
   * acquired or renewed, or the row removed by release or reclaim (for the ledger).
   */
  record Granted(List<LockRow> rows, LockRow lock) implements LockDecision {
    public Granted {
      rows = List.copyOf(rows);
      Objects.requireNonNull(lock, "lock");
    }
  }

  /**
   * The operation was refused and the table is unchanged: {@code reason} is a sentence for the user
   * with a remedy, {@code holder} the row that stands in the way, when there is one.
   */
  record Refused(Refusal why, String reason, Optional<LockRow> holder) implements LockDecision {
    public Refused {
      Objects.requireNonNull(why, "why");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(holder, "holder");
    }
  }
}
