package dev.lanes.policy;

import java.util.Locale;
import java.util.Optional;

/** When a gate runs: in a lane's worktree, after each applied patch, or after each wave. */
public enum GateStage {
  LANE,
  PATCH,
  WAVE;

  /** Reads {@code lane}, {@code patch} or {@code wave} in any case, ignoring surrounding space. */
  public static Optional<GateStage> parse(String word) {
    if (word == null) {
      return Optional.empty();
    }
    return switch (word.trim().toLowerCase(Locale.ROOT)) {
      case "lane" -> Optional.of(LANE);
      case "patch" -> Optional.of(PATCH);
      case "wave" -> Optional.of(WAVE);
      default -> Optional.empty();
    };
  }

  /** The word AGENTS.md uses for this stage. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
