package dev.lanes.policy;

import dev.lanes.plan.Position;
import java.util.Objects;

/** A list item {@code - key: value} under a level-2 heading of AGENTS.md; the key is lower-case. */
public record Setting(String heading, String key, String value, Position position) {
  public Setting {
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(position, "position");
  }
}
