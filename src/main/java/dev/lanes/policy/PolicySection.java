package dev.lanes.policy;

import dev.lanes.plan.Position;
import java.util.Objects;

/**
 * A level-2 heading of AGENTS.md; {@code empty} when nothing but blank lines and HTML comments
 * stands under it.
 */
public record PolicySection(String heading, Position position, boolean empty) {
  public PolicySection {
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(position, "position");
  }

  /** Whether this section has the given heading, compared case-insensitively and trimmed. */
  public boolean is(String name) {
    return heading.trim().equalsIgnoreCase(name.trim());
  }
}
