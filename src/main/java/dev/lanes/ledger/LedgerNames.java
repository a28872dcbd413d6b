package dev.lanes.ledger;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of the files in a lane's ledger folder: {@code NNN-<kind>.md}, NNN counting from 001. */
public final class LedgerNames {
  // Three digits, or more without a leading zero: each number has exactly one spelling.
  private static final Pattern NAME = Pattern.compile("(\\d{3}|[1-9]\\d{3,8})-([a-z]+)\\.md");

  private LedgerNames() {}

  public static String fileName(int number, LedgerEntry.Kind kind) {
    return new LedgerFileName(number, kind).fileName();
  }

  /** One more than the highest number among the names, or 1; other names are ignored. */
  public static int nextNumber(Collection<String> existingFileNames) {
    int max = 0;
    for (String name : existingFileNames) {
      max = Math.max(max, parse(name).map(LedgerFileName::number).orElse(0));
    }
    return max + 1;
  }

  /** Reads a ledger file name; empty for any other name (README.md, a temp file, 000-x.md). */
  public static Optional<LedgerFileName> parse(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    int number = Integer.parseInt(m.group(1));
    if (number < 1) {
      return Optional.empty();
    }
    for (LedgerEntry.Kind kind : LedgerEntry.Kind.values()) {
      if (kind.word().equals(m.group(2))) {
        return Optional.of(new LedgerFileName(number, kind));
      }
    }
    return Optional.empty();
  }
}
