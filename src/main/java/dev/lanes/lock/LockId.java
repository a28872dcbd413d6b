package dev.lanes.lock;

import dev.lanes.plan.LaneId;
import java.util.Optional;

/**
 * A lock's id as the Locks table writes it, {@code <lane>#<fence>} (for example {@code L-003#4}),
 * where the fence is a positive number that no other lock in the repository ever had.
 */
public record LockId(String lane, long fence) {

  public LockId {
    if (!LaneId.isValid(lane)) {
      throw new IllegalArgumentException("not a lane id: " + lane);
    }
    if (fence < 1) {
      throw new IllegalArgumentException("a lock fence must be positive: " + fence);
    }
  }

  /**
   * Reads {@code L-003#4} (surrounding blanks ignored); empty for anything else, including a fence
   * of zero, with a sign or with leading zeros.
   */
  public static Optional<LockId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    int hash = t.indexOf('#');
    if (hash < 0 || hash != t.lastIndexOf('#')) {
      return Optional.empty();
    }
    String lane = t.substring(0, hash);
    String digits = t.substring(hash + 1);
    // Canonical digits only (no sign, no leading zero): one lock must have exactly one spelling,
    // because the table is searched by the id's text.
    if (!LaneId.isValid(lane)
        || digits.isEmpty()
        || digits.length() > 18
        || digits.charAt(0) == '0'
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(new LockId(lane, Long.parseLong(digits)));
  }

  @Override
  public String toString() {
    return lane + "#" + fence;
  }
}
