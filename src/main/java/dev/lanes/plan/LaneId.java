package dev.lanes.plan;

import java.util.regex.Pattern;

/** A lane id as the contract spells it: {@code [A-Za-z][A-Za-z0-9._-]*}. */
public record LaneId(String value) implements Comparable<LaneId> {
  private static final Pattern FORM = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

  public LaneId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("not a lane id: " + value);
    }
  }

  public static boolean isValid(String value) {
    return value != null && FORM.matcher(value).matches();
  }

  @Override
  public int compareTo(LaneId other) {
    return value.compareTo(other.value);
  }

  // equals and hashCode written out: the generated ones are linked on first use through
  // java.lang.runtime.ObjectMethods, ~10 ms of every command's start for this one map key.
  @Override
  public boolean equals(Object other) {
    return other instanceof LaneId id && value.equals(id.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
