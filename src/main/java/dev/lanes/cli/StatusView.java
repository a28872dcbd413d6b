package dev.lanes.cli;

import dev.lanes.dispatch.LeftWorker;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardRows;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.Plan;
import dev.lanes.plan.Times;
import dev.lanes.policy.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code lanes status} shows: its {@code --json} record, also printed as two tables. */
record StatusView(List<StatusView.LaneLine> lanes, List<StatusView.LockLine> locks) {

  /** A lane's Board row; {@code wave} and {@code updated} are null before its first dispatch. */
  record LaneLine(
      String id,
      String status,
      Integer wave,
      int attempt,
      String checkpoint,
      String updated,
      String note,
      String worker) {}

  record LockLine(
      String lockId,
      String owner,
      String scope,
      String objective,
      String start,
      String heartbeat,
      long heartbeatAgeSeconds,
      String expires,
      boolean stale) {}

  static StatusView of(Path root, Plan plan, Instant now) {
    List<LaneLine> lanes = new ArrayList<>();
    for (Lane lane : plan.lanes()) {
      Optional<BoardRow> row = BoardRows.of(plan, lane.id());
      BoardStatus status = row.map(BoardRow::status).orElse(BoardStatus.PLANNED);
      lanes.add(
          new LaneLine(
              lane.id().value(),
              status.word(),
              row.filter(r -> r.wave().isPresent()).map(r -> r.wave().getAsInt()).orElse(null),
              row.map(BoardRow::attempt).orElse(0),
              row.map(BoardRow::checkpoint).orElse(""),
              row.flatMap(BoardRow::updated).map(Times::format).orElse(null),
              row.map(BoardRow::note).orElse(""),
              worker(root, plan, status, row)));
    }
    List<LockLine> locks =
        plan.locks().stream()
            .map(
                l ->
                    new LockLine(
                        l.lockId(),
                        l.owner(),
                        l.scope(),
                        l.objective(),
                        Times.format(l.start()),
                        Times.format(l.heartbeat()),
                        Math.max(0, Duration.between(l.heartbeat(), now).toSeconds()),
                        Times.format(l.expires()),
                        l.isStale(now)))
            .toList();
    return new StatusView(lanes, locks);
  }

  private static String worker(Path root, Plan plan, BoardStatus status, Optional<BoardRow> row) {
    if (status != BoardStatus.RUNNING && status != BoardStatus.DISPATCHED) {
      return "-";
    }
    BoardRow r = row.orElseThrow();
    if (!LeftWorker.lanesAlive(root, r.lane(), r.attempt(), plan.locks(), Wiring.hostName())) {
      return "process gone: run " + Remedies.resume(r.lane());
    }
    return status == BoardStatus.RUNNING ? "alive" : "waiting for a worker slot";
  }

  void print(PrintWriter out) {
    TextTable board =
        new TextTable(
            "lane", "status", "wave", "attempt", "checkpoint", "updated", "worker", "note");
    for (LaneLine l : lanes) {
      board.row(
          l.id(),
          l.status(),
          l.wave() == null ? "-" : l.wave().toString(),
          Integer.toString(l.attempt()),
          orDash(l.checkpoint()),
          l.updated() == null ? "-" : l.updated(),
          l.worker(),
          orDash(l.note()));
    }
    board.print(out);
    out.println();
    if (locks.isEmpty()) {
      out.println("No locks held.");
      return;
    }
    TextTable table = new TextTable("lock", "owner", "scope", "heartbeat age", "expires", "state");
    for (LockLine l : locks) {
      table.row(
          l.lockId(),
          l.owner(),
          l.scope(),
          Durations.elapsed(Duration.ofSeconds(l.heartbeatAgeSeconds())),
          l.expires(),
          l.stale() ? "STALE: " + Remedies.reclaim(l.lockId()) : "live");
    }
    table.print(out);
  }

  private static String orDash(String text) {
    return text.isBlank() ? "-" : text;
  }
}
