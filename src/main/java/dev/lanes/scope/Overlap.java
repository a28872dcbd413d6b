package dev.lanes.scope;

/**
 * Two scopes that conflict: indices {@code a < b} into the scope list, how many tracked files they
 * share, and an example path in both (a shared tracked file when there is one, else a path that
 * does not exist yet but both could create).
 */
public record Overlap(int a, int b, int sharedTrackedFiles, String example) {
  public Overlap {
    if (a < 0 || a >= b) {
      throw new IllegalArgumentException("overlap needs 0 <= a < b, got " + a + ", " + b);
    }
    if (sharedTrackedFiles < 0 || example == null || example.isEmpty()) {
      throw new IllegalArgumentException("overlap needs a count >= 0 and an example");
    }
  }
}
