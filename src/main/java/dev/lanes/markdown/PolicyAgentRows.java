package dev.lanes.markdown;

import dev.lanes.plan.Position;
import dev.lanes.policy.AgentSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the agents table; a row with any problem is reported and left out. */
final class PolicyAgentRows {
  private PolicyAgentRows() {}

  static List<AgentSpec> read(PolicyTable table, PolicyProblems problems) {
    Optional<Integer> agent = table.column("agent");
    Optional<Integer> command = table.column("command");
    for (String missing : List.of("agent", "command")) {
      if (table.column(missing).isEmpty()) {
        problems.add(
            table.header(),
            "the agents table has no `" + missing + "` column: its header is | agent | command |");
      }
    }
    if (agent.isEmpty() || command.isEmpty()) {
      return List.of();
    }
    List<AgentSpec> agents = new ArrayList<>();
    Map<String, Position> seen = new HashMap<>();
    for (PolicyTable.Row row : table.rows()) {
      if (row.blank()) {
        continue;
      }
      PolicyTable.Cell name = row.cell(agent.get());
      PolicyTable.Cell cmd = row.cell(command.get());
      if (name.text().isEmpty()) {
        problems.add(name.position(), "this agent row has no name in its `agent` column");
        continue;
      }
      String key = name.text().toLowerCase(Locale.ROOT);
      boolean ok = true;
      if (seen.containsKey(key)) {
        problems.add(
            name.position(),
            "agent `"
                + name.text()
                + "` is listed twice (first at line "
                + seen.get(key).line()
                + "): give each agent its own name");
        ok = false;
      } else {
        seen.put(key, name.position());
      }
      if (cmd.text().isEmpty()) {
        problems.add(cmd.position(), "agent `" + name.text() + "` has no command");
        ok = false;
      }
      if (ok) {
        agents.add(new AgentSpec(name.text(), cmd.text(), row.position()));
      }
    }
    return agents;
  }
}
