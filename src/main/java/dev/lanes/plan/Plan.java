package dev.lanes.plan;

import java.util.List;
import java.util.Optional;

/**
 * PLAN.md read into lanes, locks and board rows. {@code source} is the file's text exactly as read,
 * so that writers can splice into it and keep every other byte.
 */
public record Plan(String source, List<Lane> lanes, List<LockRow> locks, List<BoardRow> board) {
  public static final String FILE = "PLAN.md";

  public Plan {
    lanes = List.copyOf(lanes);
    locks = List.copyOf(locks);
    board = List.copyOf(board);
  }

  public Optional<Lane> lane(LaneId id) {
    return lanes.stream().filter(l -> l.id().equals(id)).findFirst();
  }
}
