package dev.lanes.gates;

import dev.lanes.policy.Gate;
import java.util.Optional;

/**
 * Remembered gate outcomes keyed by (tree id, gate number, rendered command), so that a tree the
 * integrator already gated is not gated again.
 */
public interface GateCache {

  /** The outcome stored for this gate's {@code command} on the tree {@code treeId}, if any. */
  Optional<GateOutcome> find(String treeId, Gate gate, String command);

  /** Stores {@code outcome} for its gate and command on the tree {@code treeId}. */
  void put(String treeId, GateOutcome outcome);

  /** A cache that remembers nothing. */
  static GateCache none() {
    return new GateCache() {
      @Override
      public Optional<GateOutcome> find(String treeId, Gate gate, String command) {
        return Optional.empty();
      }

      @Override
      public void put(String treeId, GateOutcome outcome) {}
    };
  }
}
