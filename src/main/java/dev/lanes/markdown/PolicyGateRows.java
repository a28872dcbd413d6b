package dev.lanes.markdown;

import dev.lanes.plan.Position;
import dev.lanes.policy.Durations;
import dev.lanes.policy.Gate;
import dev.lanes.policy.GateStage;
import dev.lanes.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the gate ladder table; a row with any problem is reported and left out of the ladder. */
final class PolicyGateRows {
  static final List<String> COLUMNS = List.of("gate", "name", "command", "when", "timeout");

  private PolicyGateRows() {}

  static List<Gate> read(PolicyTable table, PolicyProblems problems) {
    Map<String, Integer> at = new HashMap<>();
    for (String name : COLUMNS) {
      Optional<Integer> index = table.column(name);
      if (index.isPresent()) {
        at.put(name, index.get());
      } else {
        problems.add(
            table.header(),
            "the gates table has no `"
                + name
                + "` column: its header is | gate | name | command | when | timeout |");
      }
    }
    if (at.size() < COLUMNS.size()) {
      return List.of();
    }
    List<Gate> gates = new ArrayList<>();
    Map<Integer, Position> seen = new HashMap<>();
    for (PolicyTable.Row row : table.rows()) {
      if (row.blank()) {
        continue; // a template row nobody filled in yet
      }
      row(row, at, seen, problems).ifPresent(gates::add);
    }
    return gates;
  }

  private static Optional<Gate> row(
      PolicyTable.Row row,
      Map<String, Integer> at,
      Map<Integer, Position> seen,
      PolicyProblems problems) {
    PolicyTable.Cell gate = row.cell(at.get("gate"));
    PolicyTable.Cell name = row.cell(at.get("name"));
    PolicyTable.Cell command = row.cell(at.get("command"));
    PolicyTable.Cell when = row.cell(at.get("when"));
    PolicyTable.Cell timeout = row.cell(at.get("timeout"));
    boolean ok = true;

    int number = Policy.parseInt(gate.text()).orElse(0);
    String label = "gate " + (number > 0 ? number : "`" + gate.text() + "`");
    if (number < 1) {
      problems.add(gate.position(), "gate `" + gate.text() + "` is not a positive whole number");
      ok = false;
    } else if (seen.containsKey(number)) {
      problems.add(
          gate.position(),
          "gate "
              + number
              + " is numbered twice (first at line "
              + seen.get(number).line()
              + "): give each gate its own number");
      ok = false;
    } else {
      seen.put(number, gate.position());
    }

    if (command.text().isEmpty()) {
      problems.add(command.position(), label + " has no command");
      ok = false;
    }

    Set<GateStage> stages = EnumSet.noneOf(GateStage.class);
    for (String word : when.text().split(",")) {
      if (word.isBlank()) {
        continue;
      }
      Optional<GateStage> stage = GateStage.parse(word);
      if (stage.isPresent()) {
        stages.add(stage.get());
      } else {
        problems.add(
            when.position(),
            label + " runs `when` " + word.trim() + ", which is not lane, patch or wave");
        ok = false;
      }
    }
    if (stages.isEmpty() && ok) {
      problems.add(
          when.position(), label + " has no `when`: write lane, patch or wave, comma-separated");
      ok = false;
    }

    Duration limit = Policy.DEFAULT_GATE_TIMEOUT;
    if (!timeout.text().isEmpty()) {
      Optional<Duration> parsed = Durations.parse(timeout.text());
      if (parsed.isEmpty() || parsed.get().isZero()) {
        problems.add(
            timeout.position(),
            label
                + " has timeout `"
                + timeout.text()
                + "`, which is not a duration: write it like 5m, 90s or 1h30m");
        ok = false;
      } else {
        limit = parsed.get();
      }
    }

    if (!ok) {
      return Optional.empty();
    }
    String title = name.text().isEmpty() ? "gate " + number : name.text();
    return Optional.of(new Gate(number, title, command.text(), stages, limit, row.position()));
  }
}
