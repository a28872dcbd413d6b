package dev.lanes.dispatch;

import dev.lanes.analysis.WaveAnalysis;
import dev.lanes.error.BadInputException;
import dev.lanes.error.BusyException;
import dev.lanes.ledger.DispatchEntry;
import dev.lanes.lock.LockDecision;
import dev.lanes.lock.LockId;
import dev.lanes.lock.LockRegistry;
import dev.lanes.lock.LockScopes;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardRows;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.port.LaneWorktrees;
import dev.lanes.port.StoreUpdate;
import dev.lanes.scope.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The dispatch use case: lock the chosen lanes in one write (all or none), then run them on {@code
 * parallel} slots. A slot starts its lane while the machine is under the policy's CPU and memory
 * ceilings; the ceilings only hold back extra workers: one always runs, so a busy machine slows
 * lanes down but never stalls them.
 */
public final class DispatchService {
  private final DispatchContext ctx;
  private final DispatchListener listener;

  /** One overlap engine for every lock decision, so each scope's automaton is built once. */
  private final LockScopes scopes = new LockScopes();

  /** The repository's shared state (config, hooks, refs) around this service's workers. */
  private final SharedStateGuard<?> shared;

  public DispatchService(DispatchContext ctx, DispatchListener listener) {
    this.ctx = ctx;
    this.listener = listener;
    this.shared = new SharedStateGuard<>(ctx.shared());
  }

  /** Locks and runs the selected lanes; returns each lane's result in selection order. */
  public List<LaneResult> dispatch(
      DispatchSelection selection, int parallel, Optional<Duration> timeout) {
    if (selection.run().isEmpty()) {
      return List.of();
    }
    String base = ctx.worktrees().baseCommit(ctx.root(), selection.baseBranch());
    Map<LaneId, Lane> locked = new LinkedHashMap<>();
    Map<LaneId, LockId> locks = lockAll(selection.run(), base, locked);
    List<LaneRun> runs = new ArrayList<>();
    for (DispatchItem item : selection.run()) {
      LaneRun.Job job =
          new LaneRun.Job(
              locked.get(item.lane()),
              item.scope(),
              item.wave(),
              item.attempt(),
              item.command(),
              locks.get(item.lane()),
              base,
              false,
              timeout);
      runs.add(new LaneRun(ctx, listener, shared, job));
    }
    return runAll(runs, parallel);
  }

  /**
   * Runs a blocked or failed lane again in its own worktree, with a prompt that adds the last
   * checkpoint, the failure signature and the approvals; takes its lock again if it was released.
   */
  public LaneResult resume(LaneId id, Optional<String> agentOverride, Optional<Duration> timeout) {
    Plan plan = ctx.store().read();
    Lane lane =
        plan.lane(id).orElseThrow(() -> BadInputException.usage("no lane `" + id + "` in PLAN.md"));
    BoardRow row =
        BoardRows.of(plan, id)
            .orElseThrow(
                () ->
                    BadInputException.usage(
                        "lane " + id + " was never dispatched; run `lanes dispatch " + id + "`"));
    // A lane whose lanes process is gone (killed while its worker ran, or while it waited for a
    // worker slot) is continued like a blocked one.
    String host = ctx.owner().substring(ctx.owner().indexOf('@') + 1);
    boolean processGone =
        (row.status() == BoardStatus.RUNNING || row.status() == BoardStatus.DISPATCHED)
            && !LeftWorker.lanesAlive(ctx.root(), id, row.attempt(), plan.locks(), host);
    if (row.status() != BoardStatus.BLOCKED && row.status() != BoardStatus.FAILED && !processGone) {
      throw BadInputException.usage(
          "lane "
              + id
              + " is "
              + row.status().word()
              + "; only a blocked or failed lane, or a running or dispatched one whose lanes process"
              + " is gone, is resumed");
    }
    Scope scope = WaveAnalysis.scopeOf(lane);
    int attempt = row.attempt() + 1;
    String base = readBase(id).orElseGet(() -> ctx.worktrees().baseCommit(ctx.root(), target()));
    String command =
        DispatchPlanner.command(
            ctx.root(), DispatchPlanner.agentFor(lane, ctx.policy(), agentOverride), id, attempt);
    LockId lock = relock(lane, scope, attempt, command, base, row);
    LaneRun.Job job =
        new LaneRun.Job(
            lane, scope, row.wave().orElse(0), attempt, command, lock, base, true, timeout);
    return runAll(List.of(new LaneRun(ctx, listener, shared, job)), 1).get(0);
  }

  private String target() {
    return ctx.policy().target().orElseGet(() -> ctx.worktrees().currentBranch(ctx.root()));
  }

  /**
   * Takes every lane's lock in one store write, or none with exit 3 naming the holder; {@code
   * lanes} receives the lanes as that write read them, so that no second read of PLAN.md is needed.
   */
  private Map<LaneId, LockId> lockAll(
      List<DispatchItem> items, String base, Map<LaneId, Lane> lanes) {
    return ctx.store()
        .update(
            snap -> {
              long floor = Math.max(snap.ledger().fenceFloor(), 0);
              Plan plan = snap.plan();
              Map<LaneId, LockId> granted = new LinkedHashMap<>();
              List<DispatchEntry> entries = new ArrayList<>();
              for (DispatchItem item : items) {
                Lane lane =
                    plan.lane(item.lane())
                        .orElseThrow(
                            () ->
                                new BusyException(
                                    "lane "
                                        + item.lane()
                                        + " left PLAN.md while lanes was locking it; nothing was"
                                        + " written, try again"));
                BoardStatus status = DispatchPlanner.status(plan, item.lane());
                if (status != BoardStatus.PLANNED && status != BoardStatus.REOPENED) {
                  throw new BusyException(
                      "lane "
                          + item.lane()
                          + " is already "
                          + status.word()
                          + " (another lanes process?)");
                }
                LockDecision.Granted g =
                    acquire(new LockRegistry(plan.locks(), scopes), lane, item.scope(), floor);
                LockId id = LockId.parse(g.lock().lockId()).orElseThrow();
                floor = Math.max(floor, id.fence());
                lanes.put(item.lane(), lane);
                granted.put(item.lane(), id);
                plan =
                    dispatched(
                        plan,
                        g.rows(),
                        item.lane(),
                        OptionalInt.of(item.wave()),
                        item.attempt(),
                        "lock " + id);
                entries.add(
                    entry(
                        item.lane(),
                        item.attempt(),
                        id,
                        item.agent(),
                        item.command(),
                        base,
                        item.scope()));
              }
              return StoreUpdate.of(granted)
                  .withLocks(plan.locks())
                  .withBoard(plan.board())
                  .appending(entries.toArray(DispatchEntry[]::new));
            });
  }

  /** The lane's lock for a resume: its live row when it still has one, else a new one. */
  private LockId relock(
      Lane lane, Scope scope, int attempt, String command, String base, BoardRow row) {
    return ctx.store()
        .update(
            snap -> {
              // Two resumes of one lane at once both read it blocked or failed: only the first
              // write finds the Board row as read; the second would run the same attempt again.
              boolean asRead =
                  BoardRows.of(snap.plan(), lane.id())
                      .filter(r -> r.status() == row.status() && r.attempt() == row.attempt())
                      .isPresent();
              if (!asRead) {
                throw new BusyException(
                    "lane "
                        + lane.id()
                        + " changed while lanes was resuming it (another `lanes resume`?); nothing"
                        + " was run, see `lanes status`");
              }
              LockRegistry registry = new LockRegistry(snap.plan().locks(), scopes);
              Optional<LockRow> held = registry.ofLane(lane.id().value());
              LockDecision.Granted g =
                  held.isPresent()
                      ? granted(
                          registry.heartbeat(
                              LockId.parse(held.get().lockId()).orElseThrow(),
                              ctx.clock().instant(),
                              ctx.policy().ttl()))
                      : acquire(registry, lane, scope, snap.ledger().fenceFloor());
              LockId id = LockId.parse(g.lock().lockId()).orElseThrow();
              Plan plan =
                  dispatched(
                      snap.plan(), g.rows(), lane.id(), row.wave(), attempt, "resumed, lock " + id);
              return StoreUpdate.of(id)
                  .withLocks(plan.locks())
                  .withBoard(plan.board())
                  .appending(entry(lane.id(), attempt, id, "resume", command, base, scope));
            });
  }

  /** The lane's lock taken anew, or exit 3 naming the holder. */
  private LockDecision.Granted acquire(LockRegistry registry, Lane lane, Scope scope, long floor) {
    return granted(
        registry.acquire(
            lane.id().value(),
            ctx.owner(),
            LockScopes.cell(scope),
            lane.objective(),
            ctx.clock().instant(),
            ctx.policy().ttl(),
            floor));
  }

  private static LockDecision.Granted granted(LockDecision d) {
    if (d instanceof LockDecision.Refused r) {
      throw new BusyException(r.reason());
    }
    return (LockDecision.Granted) d;
  }

  /** The plan with these lock rows and the lane's Board row {@code dispatched} with this note. */
  private Plan dispatched(
      Plan plan, List<LockRow> locks, LaneId lane, OptionalInt wave, int attempt, String note) {
    return new Plan(
        plan.source(),
        plan.lanes(),
        locks,
        BoardRows.set(
            plan,
            lane,
            BoardStatus.DISPATCHED,
            wave,
            attempt,
            Optional.empty(),
            Optional.of(note),
            ctx.clock().instant()));
  }

  private DispatchEntry entry(
      LaneId lane, int attempt, LockId id, String agent, String command, String base, Scope scope) {
    return new DispatchEntry(
        lane,
        attempt,
        id.toString(),
        agent,
        command,
        ctx.root().relativize(LaneWorktrees.path(ctx.root(), lane.value())).toString(),
        LaneWorktrees.branch(lane.value()),
        base,
        LockScopes.cell(scope),
        ctx.clock().instant());
  }

  private Optional<String> readBase(LaneId id) {
    try {
      Path file = ctx.runDir(id.value()).resolve("base");
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file).trim())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Runs the lanes on {@code parallel} threads, each lane waiting for the machine's load (see
   * {@link Ceilings}) before it starts; results in the order of {@code runs}.
   */
  private List<LaneResult> runAll(List<LaneRun> runs, int parallel) {
    Ceilings ceilings = new Ceilings();
    runs.forEach(run -> listener.update(run.laneId(), LaneState.WAITING, "queued"));
    ExecutorService slots = Executors.newFixedThreadPool(Math.max(1, parallel));
    try {
      List<Future<LaneResult>> results = new ArrayList<>();
      for (LaneRun run : runs) {
        results.add(
            slots.submit(
                () -> {
                  ceilings.enter(why -> listener.update(run.laneId(), LaneState.WAITING, why));
                  try {
                    return run.run();
                  } finally {
                    ceilings.leave();
                  }
                }));
      }
      List<LaneResult> ordered = new ArrayList<>();
      RuntimeException failed = null;
      for (Future<LaneResult> result : results) {
        try {
          ordered.add(result.get());
        } catch (ExecutionException e) {
          failed = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while lanes ran", e);
        }
      }
      if (failed != null) {
        throw failed;
      }
      return ordered;
    } finally {
      slots.shutdown();
    }
  }

  /**
   * The policy's {@code max-cpu} and {@code max-memory}: a lane starts while the machine is under
   * both, or when no other lane runs.
   */
  private final class Ceilings {
    private final int maxCpu = ctx.policy().maxCpuPercent();
    private final int maxMemory = ctx.policy().maxMemoryPercent();
    private int running;

    Ceilings() {
      ctx.load().cpuPercent(); // first sample: CPU use is measured between two samples
    }

    synchronized void enter(java.util.function.Consumer<String> waiting) {
      for (String why = holdBack(); !why.isEmpty(); why = holdBack()) {
        waiting.accept(why);
        try {
          wait(250); // woken when a lane ends, or to look at the machine's load again
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      running++;
    }

    synchronized void leave() {
      running--;
      notifyAll();
    }

    private String holdBack() {
      if (running == 0) {
        return "";
      }
      double cpu = ctx.load().cpuPercent();
      if (cpu > maxCpu) {
        return String.format(Locale.ROOT, "waiting: CPU %.0f%% is above %d%%", cpu, maxCpu);
      }
      double memory = ctx.load().memoryPercent();
      if (memory > maxMemory) {
        return String.format(
            Locale.ROOT, "waiting: memory %.0f%% is above %d%%", memory, maxMemory);
      }
      return "";
    }
  }
}
