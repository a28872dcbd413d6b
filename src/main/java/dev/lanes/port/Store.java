package dev.lanes.port;

import dev.lanes.ledger.LedgerFacts;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.Plan;
import java.util.List;
import java.util.function.Function;

/** The single writer of PLAN.md's Locks and Board tables and of the ledger. */
public interface Store {
  /** PLAN.md as it is now, read without the writer lock. */
  Plan read();

  /**
   * Under the writer lock: reads PLAN.md, asks {@code change} what to write, writes it; returns the
   * update's result.
   */
  <T> T update(Function<PlanSnapshot, StoreUpdate<T>> change);

  /** The ledger, read-only. */
  Ledger ledger();

  /** The ledger as the use cases read it. */
  interface Ledger {
    /** The texts of the lane's entries, in ledger order. */
    List<String> entries(LaneId lane);

    /** What a lane's entries tell. */
    LedgerFacts facts(LaneId lane);

    /** The highest lock fence any dispatch entry of any lane records; 0 when there is none. */
    long fenceFloor();
  }
}
