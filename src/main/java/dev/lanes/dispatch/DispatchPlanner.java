package dev.lanes.dispatch;

import dev.lanes.analysis.LaneWave;
import dev.lanes.analysis.WavePlan;
import dev.lanes.error.BadInputException;
import dev.lanes.error.BusyException;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardRows;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.policy.AgentSpec;
import dev.lanes.policy.Policy;
import dev.lanes.policy.ShellWords;
import dev.lanes.port.LaneWorktrees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses what {@code lanes dispatch} runs: the named lanes, or the planned and reopened lanes of
 * the earliest wave that still has some, each whose dependencies are integrated; and renders each
 * one's worktree, branch and agent command.
 */
public final class DispatchPlanner {
  private DispatchPlanner() {}

  /** The Board status of a lane; a lane without a row is planned. */
  public static BoardStatus status(Plan plan, LaneId lane) {
    return BoardRows.of(plan, lane).map(BoardRow::status).orElse(BoardStatus.PLANNED);
  }

  private static boolean dispatchable(BoardStatus status) {
    return status == BoardStatus.PLANNED || status == BoardStatus.REOPENED;
  }

  public static DispatchSelection select(
      Path root,
      Plan plan,
      Policy policy,
      WavePlan waves,
      List<String> named,
      Optional<String> agentOverride,
      String baseBranch) {
    List<LaneWave> chosen = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    int wave = 0;
    if (!named.isEmpty()) {
      List<String> problems = new ArrayList<>();
      List<String> busy = new ArrayList<>();
      for (String name : named) {
        Optional<LaneWave> lane =
            LaneId.isValid(name) ? waves.lane(new LaneId(name)) : Optional.empty();
        if (lane.isEmpty()) {
          problems.add("no lane `" + name + "` in PLAN.md");
          continue;
        }
        BoardStatus status = status(plan, lane.get().id());
        Optional<LockRow> held =
            plan.locks().stream().filter(l -> l.lockId().startsWith(name + "#")).findFirst();
        if (!dispatchable(status) && held.isPresent()) {
          // Contract 4: dispatching a lane whose lock is held is busy (exit 3), not bad input.
          busy.add(
              "lane "
                  + name
                  + " is "
                  + status.word()
                  + " and holds lock "
                  + held.get().lockId()
                  + " (owner "
                  + held.get().owner()
                  + ")"
                  + (status == BoardStatus.HANDED_OFF || status == BoardStatus.INTEGRATING
                      ? " until it is integrated"
                      : "; continue it with `lanes resume " + name + "`"));
          continue;
        }
        if (!dispatchable(status)) {
          problems.add(
              "lane "
                  + name
                  + " is "
                  + status.word()
                  + "; only planned or reopened lanes are dispatched"
                  + " (a blocked or failed lane is continued with `lanes resume "
                  + name
                  + "`)");
          continue;
        }
        chosen.add(lane.get());
      }
      if (!problems.isEmpty()) {
        throw BadInputException.usage(String.join("; ", problems));
      }
      if (!busy.isEmpty()) {
        throw new BusyException(String.join("; ", busy));
      }
    } else {
      wave =
          waves.lanes().stream()
              .filter(l -> dispatchable(status(plan, l.id())))
              .mapToInt(LaneWave::wave)
              .min()
              .orElse(0);
      for (LaneWave lane : waves.lanes()) {
        if (lane.wave() != wave || !dispatchable(status(plan, lane.id()))) {
          continue;
        }
        List<String> pending =
            lane.dependsOn().stream()
                .filter(dep -> status(plan, dep) != BoardStatus.INTEGRATED)
                .map(dep -> dep.value() + " (" + status(plan, dep).word() + ")")
                .toList();
        if (pending.isEmpty()) {
          chosen.add(lane);
        } else {
          waiting.add(lane.id() + " waits for " + String.join(", ", pending) + " to be integrated");
        }
      }
    }
    List<DispatchItem> items = new ArrayList<>();
    for (LaneWave lane : chosen) {
      items.add(item(root, plan, policy, lane, agentOverride));
    }
    return new DispatchSelection(wave, baseBranch, List.copyOf(items), List.copyOf(waiting));
  }

  private static DispatchItem item(
      Path root, Plan plan, Policy policy, LaneWave placed, Optional<String> agentOverride) {
    Lane lane = placed.lane();
    AgentSpec agent = agentFor(lane, policy, agentOverride);
    int attempt = BoardRows.of(plan, lane.id()).map(BoardRow::attempt).orElse(0) + 1;
    return new DispatchItem(
        lane.id(),
        placed.wave(),
        attempt,
        agent.name(),
        LaneWorktrees.path(root, lane.id().value()),
        LaneWorktrees.branch(lane.id().value()),
        promptFile(root, lane.id()),
        command(root, agent, lane.id(), attempt),
        placed.scope());
  }

  /** The agent a lane runs with: the override, else the lane's own, else the table's first. */
  static AgentSpec agentFor(Lane lane, Policy policy, Optional<String> override) {
    String name =
        override
            .or(() -> lane.agent().map(a -> a.value()))
            .or(() -> policy.defaultAgent().map(AgentSpec::name))
            .orElseThrow(
                () ->
                    BadInputException.usage("AGENTS.md has no agents table rows to run a worker"));
    return policy
        .agent(name)
        .orElseThrow(
            () ->
                BadInputException.usage("agent `" + name + "` is not in AGENTS.md's agents table"));
  }

  /** Where a lane's assignment prompt is written: {@code .lanes/run/<lane>/prompt.md}. */
  static Path promptFile(Path root, LaneId lane) {
    return root.resolve(".lanes").resolve("run").resolve(lane.value()).resolve("prompt.md");
  }

  /** The agent's command with {@code {prompt_file}}, {@code {worktree}}, ... filled, quoted. */
  static String command(Path root, AgentSpec agent, LaneId lane, int attempt) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("prompt_file", promptFile(root, lane).toString());
    values.put("worktree", LaneWorktrees.path(root, lane.value()).toString());
    values.put("lane", lane.value());
    values.put("attempt", Integer.toString(attempt));
    return ShellWords.fill(agent.command(), values);
  }
}
