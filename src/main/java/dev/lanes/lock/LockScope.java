package dev.lanes.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * A lock's scope cell read as its globs: {@code src/**, !src/legacy/**} includes {@code src/**} and
 * excludes {@code src/legacy/**} (the lane's out-of-scope).
 */
public record LockScope(List<String> include, List<String> exclude) {

  public LockScope {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    include.forEach(LockScope::checkEntry);
    exclude.forEach(LockScope::checkEntry);
  }

  /**
   * The cell text: includes first, then each exclusion prefixed with {@code !}, joined by {@code ",
   * "}; {@link #parse} reads it back to an equal value.
   */
  public static String scopeText(List<String> include, List<String> exclude) {
    return new LockScope(include, exclude).text();
  }

  /** The cell text of this scope, as {@link #scopeText}. */
  public String text() {
    List<String> entries = new ArrayList<>(include);
    exclude.forEach(e -> entries.add("!" + e));
    return String.join(", ", entries);
  }

  /**
   * Reads a scope cell. Entries are split at commas outside braces (so {@code src/{a,b}/**} stays
   * one glob), trimmed, and empty ones skipped.
   *
   * @throws IllegalArgumentException when an entry has unbalanced braces, ends in a lone backslash
   *     or starts with {@code !!}, which no glob can have
   */
  public static LockScope parse(String cell) {
    List<String> include = new ArrayList<>();
    List<String> exclude = new ArrayList<>();
    for (String entry : splitTopLevel(cell)) {
      String e = entry.trim();
      if (e.startsWith("!")) {
        String excluded = e.substring(1).trim();
        if (!excluded.isEmpty()) {
          exclude.add(excluded);
        }
      } else if (!e.isEmpty()) {
        include.add(e);
      }
    }
    return new LockScope(include, exclude);
  }

  private static List<String> splitTopLevel(String cell) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == '\\') {
        i++; // an escaped character is never a separator or a brace
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(cell.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(cell.substring(from));
    return parts;
  }

  // An entry that would read back differently is refused here, so text() and parse() agree.
  private static void checkEntry(String glob) {
    if (glob.isBlank() || !glob.equals(glob.trim())) {
      throw new IllegalArgumentException(
          "a scope glob must not be blank or start or end with blanks: '" + glob + "'");
    }
    if (glob.startsWith("!")) {
      throw new IllegalArgumentException("a scope glob must not start with '!': " + glob);
    }
    // A balanced entry without a comma outside braces ends at depth 0 with no pending escape, so
    // the ", " that text() puts after it is always a separator again when read back.
    if (!balanced(glob)) {
      throw new IllegalArgumentException(
          "a scope glob must have balanced braces and no trailing backslash: " + glob);
    }
    if (splitTopLevel(glob).size() != 1) {
      throw new IllegalArgumentException(
          "a scope glob must not hold a comma outside braces: " + glob);
    }
  }

  private static boolean balanced(String glob) {
    int depth = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\') {
        if (++i == glob.length()) {
          return false;
        }
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }
}
