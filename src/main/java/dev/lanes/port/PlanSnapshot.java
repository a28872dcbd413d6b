package dev.lanes.port;

import dev.lanes.plan.Plan;
import java.util.Objects;

/**
 * PLAN.md as the store just read it under the writer lock, with the ledger to read a lane's entries
 * from.
 *
 * @param text PLAN.md's text exactly as read
 * @param plan the text read into lanes, locks and board rows (free of problems)
 * @param ledger the ledger folder, read-only for the caller
 */
public record PlanSnapshot(String text, Plan plan, Store.Ledger ledger) {
  public PlanSnapshot {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(ledger, "ledger");
  }
}
