package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.dispatch.LeftWorker;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardRows;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.plan.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanes status}: the Board, the locks with heartbeat ages, the running workers. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    header = "Show the Board, the locks and the running workers.",
    description = {
      "Show the Board, the locks with their heartbeat age and staleness, and the running workers.",
      "A lane shown running or dispatched whose lanes process is gone was interrupted: `lanes resume` it."
    },
    footer = {"", "Examples:", "  lanes status", "  lanes status --json", "  lanes status --watch"})
public final class StatusCommand extends RepoCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print {\"lanes\", \"locks\", \"workers\"} as JSON.")
  boolean json;

  @Option(names = "--watch", description = "Redraw every 2 seconds until interrupted.")
  boolean watch;

  @Override
  public Integer call() {
    do {
      Workspace workspace = load().workspace().requireValidInput();
      Plan plan = workspace.requirePlan();
      Instant now = Clock.systemUTC().instant();
      if (json) {
        JsonOutput.print(out(), toJson(workspace, plan, now));
      } else {
        if (watch) {
          out().print("\033[H\033[2J");
        }
        printText(workspace, plan, now);
      }
      out().flush();
      if (watch) {
        try {
          Thread.sleep(2000);
        } catch (InterruptedException stop) {
          // Interrupted is how a watch ends: a normal end, not an error.
          Thread.currentThread().interrupt();
          return 0;
        }
      }
    } while (watch);
    return 0;
  }

  private static String worker(Workspace w, Plan plan, Lane lane, Optional<BoardRow> row) {
    BoardStatus status = row.map(BoardRow::status).orElse(BoardStatus.PLANNED);
    if (status != BoardStatus.RUNNING && status != BoardStatus.DISPATCHED) {
      return "-";
    }
    boolean alive =
        LeftWorker.lanesAlive(
            w.root(), lane.id(), row.get().attempt(), plan.locks(), DispatchWiring.hostName());
    if (!alive) {
      return "process gone: run `lanes resume " + lane.id() + "`";
    }
    return status == BoardStatus.RUNNING ? "alive" : "waiting for a worker slot";
  }

  private void printText(Workspace w, Plan plan, Instant now) {
    TextTable board =
        new TextTable(
            "lane", "status", "wave", "attempt", "checkpoint", "updated", "worker", "note");
    for (Lane lane : plan.lanes()) {
      Optional<BoardRow> row = BoardRows.of(plan, lane.id());
      BoardStatus status = row.map(BoardRow::status).orElse(BoardStatus.PLANNED);
      board.row(
          lane.id().value(),
          status.word(),
          row.flatMap(
                  r ->
                      r.wave().isPresent()
                          ? Optional.of("" + r.wave().getAsInt())
                          : Optional.empty())
              .orElse("-"),
          row.map(r -> "" + r.attempt()).orElse("0"),
          row.map(BoardRow::checkpoint).filter(c -> !c.isBlank()).orElse("-"),
          row.flatMap(BoardRow::updated).map(Times::format).orElse("-"),
          worker(w, plan, lane, row),
          row.map(BoardRow::note).filter(c -> !c.isBlank()).orElse("-"));
    }
    board.print(out());
    out().println();
    if (plan.locks().isEmpty()) {
      out().println("No locks held.");
      return;
    }
    TextTable locks = new TextTable("lock", "owner", "scope", "heartbeat age", "expires", "state");
    for (LockRow l : plan.locks()) {
      locks.row(
          l.lockId(),
          l.owner(),
          l.scope(),
          age(Duration.between(l.heartbeat(), now)),
          Times.format(l.expires()),
          l.isStale(now) ? "STALE: `lanes reclaim " + l.lockId() + " --note …`" : "live");
    }
    locks.print(out());
  }

  private static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? (s / 3600) + "h" + (s % 3600 / 60) + "m"
        : s >= 60 ? (s / 60) + "m" : s + "s";
  }

  private static Map<String, Object> toJson(Workspace w, Plan plan, Instant now) {
    List<Map<String, Object>> lanes = new ArrayList<>();
    for (Lane lane : plan.lanes()) {
      Optional<BoardRow> row = BoardRows.of(plan, lane.id());
      BoardStatus status = row.map(BoardRow::status).orElse(BoardStatus.PLANNED);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", lane.id().value());
      m.put("status", status.word());
      m.put(
          "wave",
          row.flatMap(
                  r -> r.wave().isPresent() ? Optional.of(r.wave().getAsInt()) : Optional.empty())
              .orElse(null));
      m.put("attempt", row.map(BoardRow::attempt).orElse(0));
      m.put("checkpoint", row.map(BoardRow::checkpoint).orElse(""));
      m.put("updated", row.flatMap(BoardRow::updated).map(Times::format).orElse(null));
      m.put("note", row.map(BoardRow::note).orElse(""));
      m.put("worker", worker(w, plan, lane, row));
      lanes.add(m);
    }
    List<Map<String, Object>> locks = new ArrayList<>();
    for (LockRow l : plan.locks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lockId", l.lockId());
      m.put("owner", l.owner());
      m.put("scope", l.scope());
      m.put("objective", l.objective());
      m.put("start", Times.format(l.start()));
      m.put("heartbeat", Times.format(l.heartbeat()));
      m.put("heartbeatAgeSeconds", Math.max(0, Duration.between(l.heartbeat(), now).toSeconds()));
      m.put("expires", Times.format(l.expires()));
      m.put("stale", l.isStale(now));
      locks.add(m);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("lanes", lanes);
    result.put("locks", locks);
    return result;
  }
}
