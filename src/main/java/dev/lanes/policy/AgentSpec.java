package dev.lanes.policy;

import dev.lanes.plan.Position;
import java.util.Objects;

/** A row of the agents table: a name lanes can be asked for and the shell command it runs. */
public record AgentSpec(String name, String command, Position position) {
  public AgentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(position, "position");
    if (name.isBlank() || command.isBlank()) {
      throw new IllegalArgumentException("an agent needs a name and a command");
    }
  }
}
