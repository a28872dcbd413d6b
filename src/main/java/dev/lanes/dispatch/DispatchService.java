package dev.lanes.dispatch;

import dev.lanes.analysis.WaveAnalysis;
import dev.lanes.error.BadInputException;
import dev.lanes.error.BusyException;
import dev.lanes.git.SharedState;
import dev.lanes.ledger.DispatchEntry;
import dev.lanes.ledger.LedgerEntry;
import dev.lanes.ledger.LedgerFacts;
import dev.lanes.lock.LockDecision;
import dev.lanes.lock.LockId;
import dev.lanes.lock.LockRegistry;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.policy.AgentSpec;
import dev.lanes.process.KernelProcesses;
import dev.lanes.scope.Scope;
import dev.lanes.store.StoreUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dispatch use case: lock the chosen lanes in one write (all or none), then run their workers
 * in parallel, starting one while fewer than {@code max-parallel} run and the machine is under the
 * policy's CPU and memory ceilings. The ceilings only hold back extra workers: one always runs, so
 * a busy machine slows lanes down but never stalls them.
 */
public final class DispatchService {
  private final DispatchContext ctx;
  private final DispatchListener listener;

  /** One overlap engine for every lock decision, so each scope's automaton is built once. */
  private final LockScopes scopes = new LockScopes();

  /** The person's checkout as the lanes of this service saw it (see CheckoutWatch). */
  private final CheckoutWatch.Snapshots checkout;

  /** The repository's shared state (config, hooks, refs) around this service's workers. */
  private final SharedStateGuard shared;

  public DispatchService(DispatchContext ctx, DispatchListener listener) {
    this.ctx = ctx;
    this.listener = listener;
    this.checkout = new CheckoutWatch.Snapshots(ctx.git(), ctx.root());
    this.shared = new SharedStateGuard(new SharedState(ctx.git(), ctx.root()));
  }

  /** Locks and runs the selected lanes; returns each lane's result in selection order. */
  public List<LaneResult> dispatch(
      DispatchSelection selection, int parallel, Optional<Duration> timeout) {
    if (selection.run().isEmpty()) {
      return List.of();
    }
    String base = ctx.worktrees().baseCommit(ctx.root(), selection.baseBranch());
    Map<LaneId, Locked> locks = lockAll(selection.run(), base);
    // The lanes are this process's now: a worker an earlier attempt left running goes first.
    for (LaneId lane : locks.keySet()) {
      endLeftWorker(lane);
    }
    List<LaneRun> runs = new ArrayList<>();
    for (DispatchItem item : selection.run()) {
      Locked locked = locks.get(item.lane());
      runs.add(
          new LaneRun(
              ctx,
              listener,
              locked.lane(),
              item.scope(),
              item.wave(),
              item.attempt(),
              item.command(),
              locked.lock(),
              base,
              false,
              () -> reopenContext(item.lane()),
              timeout,
              checkout));
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
    boolean processGone =
        (row.status() == BoardStatus.RUNNING || row.status() == BoardStatus.DISPATCHED)
            && !lanesAlive(plan, row);
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
    String command = agentCommand(lane, agentOverride, attempt);
    LockId lock = relock(lane, scope, attempt, command, base, row);
    // Attempt N may still run if its lanes process was killed and its sentinel too: end it before
    // attempt N+1 touches the worktree.
    endLeftWorker(id);
    ResumeContext resume = ResumeContext.from(ctx.store().ledger().facts(id));
    LaneRun run =
        new LaneRun(
            ctx,
            listener,
            lane,
            scope,
            row.wave().orElse(0),
            attempt,
            command,
            lock,
            base,
            true,
            () -> resume,
            timeout,
            checkout);
    return runAll(List.of(run), 1).get(0);
  }

  private void endLeftWorker(LaneId id) {
    LeftWorker.end(ctx.root(), id).ifPresent(sentence -> listener.note(id, sentence));
  }

  private String target() {
    return ctx.policy()
        .target()
        .orElseGet(() -> ctx.git().run(ctx.root(), "branch", "--show-current"));
  }

  /** A reopened lane's prompt carries the integrator's failure context (issue: reopen). */
  private ResumeContext reopenContext(LaneId id) {
    LedgerFacts facts = ctx.store().ledger().facts(id);
    return facts.lastFailure().isEmpty() ? ResumeContext.none() : ResumeContext.from(facts);
  }

  /** A lane as PLAN.md held it when its lock was written, and that lock. */
  private record Locked(Lane lane, LockId lock) {}

  /**
   * Takes every lane's lock in one store write, or none with exit 3 naming the holder; returns the
   * lanes as that write read them, so that no second read of PLAN.md is needed.
   */
  private Map<LaneId, Locked> lockAll(List<DispatchItem> items, String base) {
    return ctx.store()
        .update(
            snap -> {
              long floor = Math.max(snap.ledger().fenceFloor(), 0);
              LockRegistry registry = new LockRegistry(snap.plan().locks(), scopes);
              List<BoardRow> board = snap.plan().board();
              Map<LaneId, Locked> granted = new LinkedHashMap<>();
              List<LedgerEntry> entries = new ArrayList<>();
              Plan plan = snap.plan();
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
                BoardStatus status =
                    BoardRows.of(plan, item.lane())
                        .map(BoardRow::status)
                        .orElse(BoardStatus.PLANNED);
                if (status != BoardStatus.PLANNED && status != BoardStatus.REOPENED) {
                  throw new BusyException(
                      "lane "
                          + item.lane()
                          + " is already "
                          + status.word()
                          + " (another lanes process?)");
                }
                LockDecision d =
                    registry.acquire(
                        item.lane().value(),
                        ctx.owner(),
                        LockScopes.cell(item.scope()),
                        lane.objective(),
                        ctx.clock().instant(),
                        ctx.policy().ttl(),
                        floor);
                if (d instanceof LockDecision.Refused r) {
                  throw new BusyException(r.reason());
                }
                LockDecision.Granted g = (LockDecision.Granted) d;
                registry = new LockRegistry(g.rows(), scopes);
                LockId id = LockId.parse(g.lock().lockId()).orElseThrow();
                floor = Math.max(floor, id.fence());
                granted.put(item.lane(), new Locked(lane, id));
                plan = new Plan(plan.source(), plan.lanes(), g.rows(), board);
                board =
                    BoardRows.set(
                        plan,
                        item.lane(),
                        BoardStatus.DISPATCHED,
                        OptionalInt.of(item.wave()),
                        item.attempt(),
                        Optional.empty(),
                        Optional.of("lock " + id),
                        ctx.clock().instant());
                plan = new Plan(plan.source(), plan.lanes(), g.rows(), board);
                entries.add(
                    new DispatchEntry(
                        item.lane(),
                        item.attempt(),
                        id.toString(),
                        item.agent(),
                        item.command(),
                        ctx.root().relativize(item.worktree()).toString(),
                        item.branch(),
                        base,
                        LockScopes.cell(item.scope()),
                        ctx.clock().instant()));
              }
              return StoreUpdate.of(granted)
                  .withLocks(registry.rows())
                  .withBoard(board)
                  .appending(entries.toArray(LedgerEntry[]::new));
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
              Optional<LockRow> held = lockOf(snap.plan().locks(), lane.id());
              LockRegistry registry = new LockRegistry(snap.plan().locks(), scopes);
              LockId id;
              List<LockRow> rows;
              if (held.isPresent()) {
                id = LockId.parse(held.get().lockId()).orElseThrow();
                LockDecision beat =
                    registry.heartbeat(id, ctx.clock().instant(), ctx.policy().ttl());
                if (beat instanceof LockDecision.Refused r) {
                  throw new BusyException(r.reason());
                }
                rows = ((LockDecision.Granted) beat).rows();
              } else {
                LockDecision d =
                    registry.acquire(
                        lane.id().value(),
                        ctx.owner(),
                        LockScopes.cell(scope),
                        lane.objective(),
                        ctx.clock().instant(),
                        ctx.policy().ttl(),
                        snap.ledger().fenceFloor());
                if (d instanceof LockDecision.Refused r) {
                  throw new BusyException(r.reason());
                }
                LockDecision.Granted g = (LockDecision.Granted) d;
                id = LockId.parse(g.lock().lockId()).orElseThrow();
                rows = g.rows();
              }
              Plan plan =
                  new Plan(snap.plan().source(), snap.plan().lanes(), rows, snap.plan().board());
              return StoreUpdate.of(id)
                  .withLocks(rows)
                  .withBoard(
                      BoardRows.set(
                          plan,
                          lane.id(),
                          BoardStatus.DISPATCHED,
                          row.wave(),
                          attempt,
                          Optional.empty(),
                          Optional.of("resumed, lock " + id),
                          ctx.clock().instant()))
                  .appending(
                      new DispatchEntry(
                          lane.id(),
                          attempt,
                          id.toString(),
                          "resume",
                          command,
                          ".lanes/worktrees/" + lane.id(),
                          "lanes/" + lane.id(),
                          base,
                          LockScopes.cell(scope),
                          ctx.clock().instant()));
            });
  }

  private String agentCommand(Lane lane, Optional<String> override, int attempt) {
    AgentSpec agent = DispatchPlanner.agentFor(lane, ctx.policy(), override);
    return DispatchPlanner.command(ctx.root(), agent, lane.id(), attempt);
  }

  private Optional<String> readBase(LaneId id) {
    try {
      Path file = ctx.runDir(id.value()).resolve("base");
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file).trim())
          : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the lanes process in charge of the lane's current attempt is still alive: the one its
   * worker file names (written as the lane takes a worker slot) when the file is of this attempt;
   * otherwise, for a lane still waiting for a slot, the owner of its lock ({@code pid@host}) when
   * that is this machine. A lock owned on another machine counts as alive, since lanes cannot see
   * its processes; a lane with neither is not.
   */
  public static boolean lanesAlive(
      Path root, LaneId id, int attempt, List<LockRow> locks, String thisHost) {
    Optional<WorkerFile> file = WorkerFile.read(root, id);
    if (file.isPresent() && file.get().attempt() == attempt) {
      return KernelProcesses.system().alive(file.get().lanesPid(), file.get().lanesStart());
    }
    Optional<LockRow> lock = lockOf(locks, id);
    if (lock.isEmpty()) {
      return false;
    }
    String owner = lock.get().owner().trim();
    int at = owner.indexOf('@');
    if (at < 0 || !owner.substring(at + 1).equals(thisHost)) {
      return true;
    }
    try {
      return alive(Long.parseLong(owner.substring(0, at)));
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** The lock row of the lane, if it holds one (lock ids are {@code <lane>#<fence>}). */
  private static Optional<LockRow> lockOf(List<LockRow> locks, LaneId id) {
    return locks.stream()
        .filter(l -> LockId.parse(l.lockId()).map(i -> i.lane().equals(id.value())).orElse(false))
        .findFirst();
  }

  /**
   * Alive only if the process exists and is not a zombie: right after a kill, the dead lanes
   * process may not be reaped yet. A lock's owner has no start time, so a recycled pid reads as
   * alive there: the lane then waits for its lock to go stale, which is the safe side.
   */
  private static boolean alive(long pid) {
    return KernelProcesses.system().alive(pid, OptionalLong.empty());
  }

  private boolean lanesAlive(Plan plan, BoardRow row) {
    String owner = ctx.owner();
    return lanesAlive(
        ctx.root(),
        row.lane(),
        row.attempt(),
        plan.locks(),
        owner.substring(owner.indexOf('@') + 1));
  }

  /**
   * Runs the lanes on threads: starts the next while fewer than {@code parallel} run and the
   * machine is under its ceilings, or when none runs at all.
   */
  private List<LaneResult> runAll(List<LaneRun> runs, int parallel) {
    // The first capture would otherwise load JGit while every worker's patch waits for it. The
    // loading waits for the first lanes' workers to start, so that it takes no CPU from making
    // their worktrees: four 3-second lanes started ~0.1 s later with it running beside them.
    List<CompletableFuture<Void>> firstWorkers =
        runs.subList(0, Math.min(parallel, runs.size())).stream()
            .map(LaneRun::workerStarted)
            .toList();
    Thread warm =
        new Thread(
            () -> {
              CompletableFuture.allOf(firstWorkers.toArray(CompletableFuture[]::new)).join();
              ctx.capture().warm(ctx.root());
            },
            "lanes-warm-capture");
    warm.setDaemon(true);
    warm.start();
    Map<LaneId, LaneResult> results = new ConcurrentHashMap<>();
    java.util.concurrent.BlockingQueue<LaneId> ended =
        new java.util.concurrent.LinkedBlockingQueue<>();
    int running = 0;
    int next = 0;
    int maxCpu = ctx.policy().maxCpuPercent();
    int maxMemory = ctx.policy().maxMemoryPercent();
    ctx.load().cpuPercent(); // first sample: CPU use is measured between two samples
    for (LaneRun run : runs) {
      run.guardedBy(shared);
      listener.update(run.laneId(), LaneState.WAITING, "queued");
    }
    List<Thread> threads = new ArrayList<>();
    // `running` counts worker slots: a lane frees its slot when its worker and lane gates are over
    // (LaneRun#run), before its record is written, so the next lane starts beside that write.
    while (next < runs.size() || running > 0) {
      if (next < runs.size()) {
        String holdBack = holdBack(running, parallel, maxCpu, maxMemory);
        if (holdBack.isEmpty()) {
          LaneRun run = runs.get(next++);
          Thread t =
              new Thread(
                  () -> results.put(run.laneId(), run.run(() -> ended.add(run.laneId()))),
                  "lane-" + run.laneId().value());
          threads.add(t);
          t.start();
          running++;
          continue;
        }
        listener.update(runs.get(next).laneId(), LaneState.WAITING, holdBack);
        // The next lane in line makes its worktree while it waits (one lane ahead only).
        runs.get(next).prepareAhead();
      }
      // Wake as soon as a slot frees, or re-check the machine's load now and then.
      try {
        if (ended.poll(250, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
          running--;
          while (ended.poll() != null) {
            running--;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<LaneResult> ordered = new ArrayList<>();
    for (LaneRun run : runs) {
      ordered.add(results.get(run.laneId()));
    }
    return ordered;
  }

  private String holdBack(int running, int parallel, int maxCpu, int maxMemory) {
    if (running == 0) {
      return "";
    }
    if (running >= parallel) {
      return "waiting: " + running + " of at most " + parallel + " workers running";
    }
    double cpu = ctx.load().cpuPercent();
    if (cpu > maxCpu) {
      return String.format(java.util.Locale.ROOT, "waiting: CPU %.0f%% is above %d%%", cpu, maxCpu);
    }
    double memory = ctx.load().memoryPercent();
    if (memory > maxMemory) {
      return String.format(
          java.util.Locale.ROOT, "waiting: memory %.0f%% is above %d%%", memory, maxMemory);
    }
    return "";
  }
}
