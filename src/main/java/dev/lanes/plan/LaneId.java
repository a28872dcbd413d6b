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

  @Override
  public String toString() {
    return value;
  }
}
