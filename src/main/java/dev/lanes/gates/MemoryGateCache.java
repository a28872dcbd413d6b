package dev.lanes.gates;

import dev.lanes.policy.Gate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gate outcomes keyed by (tree id, gate number, rendered command), remembered for one run only, in
 * memory, so that a tree the integrator already gated is not gated again. A cache kept in a file
 * would be a file any worker can write, and one forged line saying "pass" would land a patch its
 * gate fails; so a run trusts only outcomes it saw itself, and a re-run (after a kill, say) gates
 * again.
 */
public final class MemoryGateCache {
  private final Map<String, GateOutcome> outcomes = new HashMap<>();

  /** The outcome stored for this gate's {@code command} on the tree {@code treeId}, if any. */
  public synchronized Optional<GateOutcome> find(String treeId, Gate gate, String command) {
    return Optional.ofNullable(outcomes.get(key(treeId, gate.number(), command)));
  }

  /** Stores {@code outcome} for its gate and command on the tree {@code treeId}. */
  public synchronized void put(String treeId, GateOutcome outcome) {
    outcomes.put(key(treeId, outcome.gate().number(), outcome.command()), outcome);
  }

  private static String key(String treeId, int gate, String command) {
    return treeId + '\t' + gate + '\t' + command;
  }
}
