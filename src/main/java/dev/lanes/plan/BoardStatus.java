package dev.lanes.plan;

import java.util.Locale;
import java.util.Optional;

/** The statuses a lane may have on the Board, in the contract's words. */
public enum BoardStatus {
  PLANNED,
  DISPATCHED,
  RUNNING,
  BLOCKED,
  HANDED_OFF,
  INTEGRATING,
  INTEGRATED,
  FAILED,
  REOPENED,
  CANCELLED;

  /** The word written in the Board table, e.g. {@code handed-off}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<BoardStatus> parse(String word) {
    String w = word.trim().toLowerCase(Locale.ROOT);
    for (BoardStatus s : values()) {
      if (s.word().equals(w)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
