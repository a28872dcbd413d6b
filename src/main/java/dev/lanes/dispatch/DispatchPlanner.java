package dev.lanes.dispatch;

import dev.lanes.analysis.LaneWave;
import dev.lanes.analysis.WavePlan;
import dev.lanes.error.BadInputException;
import dev.lanes.error.BusyException;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.policy.AgentSpec;
import dev.lanes.policy.Policy;
import dev.lanes.policy.ShellWords;
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
    return board(plan, lane).map(BoardRow::status).orElse(BoardStatus.PLANNED);
  }

  public static Optional<BoardRow> board(Plan plan, LaneId lane) {
    return plan.board().stream().filter(r -> r.lane().equals(lane)).findFirst();
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
    String agentName =
        agentOverride
            .or(() -> lane.agent().map(a -> a.value()))
            .or(() -> policy.defaultAgent().map(AgentSpec::name))
            .orElseThrow(
                () ->
                    BadInputException.usage("AGENTS.md has no agents table rows to run a worker"));
    AgentSpec agent =
        policy
            .agent(agentName)
            .orElseThrow(
                () ->
                    BadInputException.usage(
                        "agent `" + agentName + "` is not in AGENTS.md's agents table"));
    int attempt = board(plan, lane.id()).map(BoardRow::attempt).orElse(0) + 1;
    Path worktree = root.resolve(".lanes").resolve("worktrees").resolve(lane.id().value());
    Path prompt =
        root.resolve(".lanes").resolve("run").resolve(lane.id().value()).resolve("prompt.md");
    Map<String, String> values = new LinkedHashMap<>();
    values.put("prompt_file", prompt.toString());
    values.put("worktree", worktree.toString());
    values.put("lane", lane.id().value());
    values.put("attempt", Integer.toString(attempt));
    return new DispatchItem(
        lane.id(),
        placed.wave(),
        attempt,
        agent.name(),
        worktree,
        "lanes/" + lane.id().value(),
        prompt,
        ShellWords.fill(agent.command(), values),
        placed.scope());
  }
}
