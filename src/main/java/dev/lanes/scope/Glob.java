package dev.lanes.scope;

import java.util.Optional;

/** A gitignore-style path glob relative to the repository root, held in normalised form. */
public record Glob(String text) {

  /** Validates and normalises {@code text}; a bad glob throws with the user-facing message. */
  public Glob {
    text = GlobPattern.parse(text).text();
  }

  /** The glob for {@code text}; throws IllegalArgumentException with a user-facing message. */
  public static Glob of(String text) {
    return new Glob(text);
  }

  /** Why {@code text} is not a glob, or empty when it is one. */
  public static Optional<String> problem(String text) {
    try {
      GlobPattern.parse(text);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Whether {@code path} ('/'-separated, relative) is matched or lies under a matched path. */
  public boolean matches(String path) {
    return GlobCompiler.compile(pattern()).run(path);
  }

  /**
   * The literal characters every matched path starts with: the glob up to its first wildcard or
   * class, escapes resolved, not cut back to a '/' ({@code src/ma*} gives {@code src/ma}, {@code
   * src/**} gives {@code src/}, {@code **}{@code /x} gives the empty string). Two globs can only
   * match a common path when one's literal prefix is a prefix of the other's.
   */
  public String literalPrefix() {
    return pattern().literalPrefix();
  }

  /** The parsed form; re-parsed on demand because a record holds only its text. */
  GlobPattern pattern() {
    return GlobPattern.parse(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
