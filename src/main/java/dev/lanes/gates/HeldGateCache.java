package dev.lanes.gates;

import dev.lanes.policy.Gate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cache for gates run on a tree id that is only expected, not yet known: lookups go to the real
 * cache, but what the gates store is held back until {@link #release} says the id was right. An
 * outcome stored under a wrong tree id would be reused for a tree it never saw.
 */
public final class HeldGateCache implements GateCache {
  private final GateCache cache;
  private final List<Held> held = new ArrayList<>();

  private record Held(String treeId, GateOutcome outcome) {}

  public HeldGateCache(GateCache cache) {
    this.cache = cache;
  }

  @Override
  public Optional<GateOutcome> find(String treeId, Gate gate, String command) {
    return cache.find(treeId, gate, command);
  }

  @Override
  public void put(String treeId, GateOutcome outcome) {
    held.add(new Held(treeId, outcome));
  }

  /** The tree id was right: stores what was held back. */
  public void release() {
    held.forEach(h -> cache.put(h.treeId(), h.outcome()));
    held.clear();
  }
}
