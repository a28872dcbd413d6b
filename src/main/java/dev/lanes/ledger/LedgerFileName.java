package dev.lanes.ledger;

import java.util.Objects;

/** A ledger file's name read into its number and kind, {@code 007-handoff.md}. */
public record LedgerFileName(int number, LedgerEntry.Kind kind)
    implements Comparable<LedgerFileName> {
  public LedgerFileName {
    Objects.requireNonNull(kind, "kind");
    if (number < 1) {
      throw new IllegalArgumentException("ledger numbers count from 1: " + number);
    }
  }

  /** {@code NNN-<kind>.md}: at least three digits, more once the number passes 999. */
  public String fileName() {
    return String.format(java.util.Locale.ROOT, "%03d-%s.md", number, kind.word());
  }

  @Override
  public int compareTo(LedgerFileName other) {
    return Integer.compare(number, other.number);
  }
}
