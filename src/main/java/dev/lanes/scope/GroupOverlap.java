package dev.lanes.scope;

/**
 * Two groups of identical scopes that conflict ({@code a < b}), or one group whose members conflict
 * with each other ({@code a == b}): how many tracked files they share and an example path in both,
 * as in {@link Overlap}.
 */
public record GroupOverlap(int a, int b, int sharedTrackedFiles, String example) {
  public GroupOverlap {
    if (a < 0 || a > b) {
      throw new IllegalArgumentException("group overlap needs 0 <= a <= b, got " + a + ", " + b);
    }
    if (sharedTrackedFiles < 0 || example == null || example.isEmpty()) {
      throw new IllegalArgumentException("group overlap needs a count >= 0 and an example");
    }
  }
}
