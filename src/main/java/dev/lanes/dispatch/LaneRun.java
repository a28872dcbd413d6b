package dev.lanes.dispatch;

import dev.lanes.gates.GateContext;
import dev.lanes.gates.GateOutcome;
import dev.lanes.gates.LadderResult;
import dev.lanes.ledger.AcceptanceCheck;
import dev.lanes.ledger.CommandRun;
import dev.lanes.ledger.FailureEntry;
import dev.lanes.ledger.HandoffEntry;
import dev.lanes.ledger.HandoffFile;
import dev.lanes.ledger.LedgerEntry;
import dev.lanes.ledger.LedgerFacts;
import dev.lanes.ledger.PatchDigest;
import dev.lanes.lock.LockDecision;
import dev.lanes.lock.LockId;
import dev.lanes.lock.LockRegistry;
import dev.lanes.lock.LockScopes;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardRows;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.Plan;
import dev.lanes.policy.Durations;
import dev.lanes.policy.GateStage;
import dev.lanes.port.CapturedPatch;
import dev.lanes.port.ChangedFile;
import dev.lanes.port.ExistingBranch;
import dev.lanes.port.ProcessOutcome;
import dev.lanes.port.ProcessSpec;
import dev.lanes.port.RunningProcess;
import dev.lanes.port.StoreUpdate;
import dev.lanes.scope.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One lane's run, from its locked state to its handoff, as its steps in order: prepare the
 * worktree, write the prompt, run the setup command and the agent (with heartbeats), capture the
 * patch, check the worker's outcome and the patch's scope, run the lane gates, and record the
 * outcome on the Board and in the ledger. A step that fails stops the run and records why. The lock
 * is released only when the lane fails; a blocked or handed-off lane keeps it. One instance runs
 * once.
 */
final class LaneRun {
  /** The exit code by which a worker says it waits for a person's approval. */
  static final int BLOCKED_EXIT = 77;

  /**
   * One lane to run: the lane as its lock was written, and how to run it.
   *
   * @param resumed a resume: the worktree and branch are reused and the prompt carries the ledger's
   *     context; otherwise the branch starts again at {@code base}
   */
  record Job(
      Lane lane,
      Scope scope,
      int wave,
      int attempt,
      String agentCommand,
      LockId lock,
      String base,
      boolean resumed,
      Optional<Duration> timeout) {}

  private final DispatchContext ctx;
  private final DispatchListener listener;
  private final SharedStateGuard<?> shared;
  private final Job job;
  private final Lane lane;
  private final String id;
  private final Path runDir;

  // What the steps found, in the order they found it.
  private Instant started;
  private Path worktree;
  private Path handoffFile;
  private Map<String, String> env;
  private ProcessOutcome outcome;
  private List<SharedStateGuard.Finding> sharedChanges = List.of();
  private final AtomicBoolean lockLost = new AtomicBoolean();
  private List<String> escapes = List.of();
  private CapturedPatch patch;
  private Path patchFile;
  private List<String> touched = List.of();
  private List<String> outside = List.of();
  private HandoffNotes notes;
  private LadderResult gates;

  LaneRun(DispatchContext ctx, DispatchListener listener, SharedStateGuard<?> shared, Job job) {
    this.ctx = ctx;
    this.listener = listener;
    this.shared = shared;
    this.job = job;
    this.lane = job.lane();
    this.id = lane.id().value();
    this.runDir = ctx.runDir(id);
  }

  LaneId laneId() {
    return lane.id();
  }

  /**
   * Runs the lane's steps. A worker an earlier lanes left running in the lane is ended first; when
   * it cannot be, the run throws and nothing is touched.
   */
  LaneResult run() {
    started = ctx.clock().instant();
    endLeftWorker();
    try {
      prepare();
      prompt();
      setup();
      runAgent();
      capture();
      checkWorker();
      checkScope();
      laneGates();
      return record();
    } catch (Stop stop) {
      return stopped(stop);
    } catch (RuntimeException e) {
      String reason = "lanes could not run the lane: " + e.getMessage();
      escapes = List.of();
      outside = List.of();
      return stopped(
          stop(
              BoardStatus.FAILED,
              "internal",
              reason,
              reason,
              Optional.empty(),
              "",
              "Fix the cause and run `lanes resume " + id + "`."));
    }
  }

  /** Ends the worker the lane's worker file names if it still runs (see {@link LeftWorker}). */
  private void endLeftWorker() {
    LeftWorker.end(ctx.root(), lane.id()).ifPresent(said -> listener.note(lane.id(), said));
  }

  /**
   * Notes this process as the lane's on the Board ({@code running}) and makes the worktree with its
   * base file and {@code copy:} files.
   */
  private void prepare() {
    listener.update(lane.id(), LaneState.PREPARING, "making worktree");
    // The worker file goes first, so that `status` never sees a running lane with no lanes
    // process on record.
    WorkerFile.write(runDir, Optional.empty(), Optional.empty(), job.attempt());
    setBoard(BoardStatus.RUNNING, "pid " + ProcessHandle.current().pid());
    worktree =
        ctx.worktrees()
            .add(
                ctx.root(),
                id,
                job.base(),
                job.resumed() ? ExistingBranch.REUSE : ExistingBranch.RESET);
    write(runDir.resolve("base"), job.base() + "\n");
    copyFiles();
  }

  /** Writes the assignment prompt and sets the worker's environment. */
  private void prompt() {
    Path promptFile = DispatchPlanner.promptFile(ctx.root(), lane.id());
    write(
        promptFile,
        AssignmentPrompt.render(lane, job.scope(), ctx.policy(), job.attempt(), resumeContext()));
    handoffFile = runDir.resolve(job.attempt() + ".handoff.md");
    try {
      Files.deleteIfExists(handoffFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("LANES_LANE", id);
    vars.put("LANES_ATTEMPT", Integer.toString(job.attempt()));
    vars.put("LANES_WORKTREE", worktree.toString());
    vars.put("LANES_PROMPT_FILE", promptFile.toString());
    vars.put("LANES_HANDOFF_FILE", handoffFile.toString());
    vars.put("LANES_BASE", job.base());
    env = WorkerEnvironment.build(ctx.callerEnvironment(), ctx.policy().list("env-deny"), vars);
  }

  /**
   * What the prompt tells the worker of earlier attempts: on a resume, the last checkpoint, failure
   * and approvals; on a dispatch, those of a lane the integrator reopened after a failure.
   */
  private ResumeContext resumeContext() {
    LedgerFacts facts = ctx.store().ledger().facts(lane.id());
    return job.resumed() || facts.lastFailure().isPresent()
        ? ResumeContext.from(facts)
        : ResumeContext.none();
  }

  /** Runs the policy's {@code setup:} command in the worktree, if it names one. */
  private void setup() {
    Optional<String> setup = ctx.policy().setting("setup").filter(s -> !s.isBlank());
    if (setup.isEmpty()) {
      return;
    }
    listener.update(lane.id(), LaneState.PREPARING, "setup: " + setup.get());
    ProcessOutcome set =
        ctx.runner()
            .run(
                new ProcessSpec(
                    setup.get(),
                    worktree,
                    env,
                    Optional.of(Duration.ofMinutes(30)),
                    logs(".setup.log")),
                line -> listener.update(lane.id(), LaneState.PREPARING, line));
    if (!set.succeeded()) {
      String why = "the setup command `" + setup.get() + "` failed with exit " + set.exitCode();
      throw stop(
          BoardStatus.FAILED,
          "setup",
          why,
          why,
          Optional.empty(),
          String.join("\n", set.outputTail()),
          "Fix the `setup:` command in AGENTS.md, then run `lanes resume " + id + "`.");
    }
  }

  /**
   * Runs the agent in the worktree with heartbeats on the lane's lock, watching the person's
   * checkout and the repository's shared state around it.
   */
  private void runAgent() {
    listener.update(lane.id(), LaneState.RUNNING, "started");
    CheckoutWatch watch = new CheckoutWatch(ctx.worktrees(), ctx.root());
    shared.workerStarting(lane.id());
    RunningProcess process;
    try {
      process =
          ctx.runner()
              .start(
                  new ProcessSpec(job.agentCommand(), worktree, env, job.timeout(), logs(".log"))
                      .withLogLimit(ctx.policy().logLimit()),
                  line -> listener.update(lane.id(), LaneState.RUNNING, line));
    } catch (RuntimeException e) {
      shared.workerEnded(lane.id());
      throw e;
    }
    WorkerFile.write(runDir, Optional.of(process.pid()), Optional.of(worktree), job.attempt());
    ScheduledExecutorService beats = heartbeats(process);
    try {
      outcome = process.await();
    } finally {
      beats.shutdownNow();
      sharedChanges = shared.workerEnded(lane.id());
    }
    escapes = watch.changed();
  }

  /** Commits what the worker left on the lane branch and keeps its patch. */
  private void capture() {
    listener.update(lane.id(), LaneState.CAPTURING, "capturing the patch");
    patch = ctx.capture().capture(worktree, job.base(), lane.objective());
    patchFile = runDir.resolve(job.attempt() + ".patch");
    write(patchFile, patch.patch());
    touched =
        patch.files().stream().flatMap(f -> f.touchedPaths().stream()).distinct().sorted().toList();
    outside = touched.stream().filter(p -> !job.scope().contains(p)).toList();
    notes = HandoffNotes.read(handoffFile);
  }

  /**
   * Stops the lane when its worker changed shared state, lost its lock, ran out of time, asked for
   * approval or failed.
   */
  private void checkWorker() {
    String tail = String.join("\n", outcome.outputTail());
    Optional<SharedStateGuard.Blame> blame = SharedStateGuard.blame(lane.id(), sharedChanges);
    if (blame.isPresent()) {
      SharedStateGuard.Blame b = blame.get();
      throw stop(
          BoardStatus.FAILED,
          "shared-state",
          b.why(),
          b.impact(),
          Optional.empty(),
          tail,
          b.remediation());
    }
    if (lockLost.get()) {
      throw failed(
          "lock",
          "the lane's lock " + job.lock() + " was taken back while the worker ran",
          tail,
          "Dispatch the lane again.");
    }
    if (outcome.timedOut()) {
      throw failed(
          "timeout",
          "the worker ran out of time after "
              + Durations.seconds(outcome.elapsed())
              + "; its whole process tree was ended",
          tail,
          "Resume with a longer --timeout, or split the lane.");
    }
    Optional<String> asked = notes.approval();
    if (outcome.exitCode() == BLOCKED_EXIT || asked.isPresent()) {
      throw stop(
          BoardStatus.BLOCKED,
          "blocked",
          "the worker is waiting for approval"
              + asked.map(a -> " of `" + a + "`").orElse(" (exit 77)"),
          "The lane is blocked until a person approves; its lock is kept.",
          asked,
          tail,
          "Approve with `lanes approve "
              + id
              + " --scope \""
              + asked.orElse("<command prefix>")
              + "\"`, then `lanes resume "
              + id
              + "`.");
    }
    if (outcome.exitCode() != 0) {
      throw failed(
          "exit " + outcome.exitCode(),
          "the worker failed with exit " + outcome.exitCode(),
          tail,
          "Read the log " + ctx.root().relativize(logs(".log")) + " and resume the lane.");
    }
  }

  /** Stops the lane when its patch touches files outside its scope, or nothing at all. */
  private void checkScope() {
    String tail = String.join("\n", outcome.outputTail());
    if (!outside.isEmpty()) {
      throw failed(
          "scope",
          "the patch touches files outside the lane's scope: " + String.join(", ", outside),
          tail,
          "Widen the lane's scope in PLAN.md, or resume the lane to undo those edits.");
    }
    if (patch.isEmpty()) {
      throw failed(
          "no-changes",
          "no changes: the worker ended with exit 0 but changed nothing in its worktree",
          tail,
          "Check the prompt and the agent command, then resume the lane.");
    }
  }

  /** Runs the policy's lane gates in the worktree; the first failing one stops the lane. */
  private void laneGates() {
    listener.update(lane.id(), LaneState.GATING, "lane gates");
    gates =
        ctx.ladder()
            .run(
                ctx.policy().gates(GateStage.LANE),
                GateStage.LANE,
                worktree,
                env,
                new GateContext(id, touched),
                logs(".gates"));
    if (!gates.passed()) {
      GateOutcome bad = gates.firstFailure().orElseThrow();
      throw failed(
          "gate",
          "gate "
              + bad.gate().number()
              + " ("
              + bad.gate().name()
              + ") "
              + bad.status().word()
              + " with exit "
              + bad.exitCode()
              + ": `"
              + bad.command()
              + "`",
          String.join("\n", bad.outputTail()),
          "Fix what the gate reports and resume the lane.");
    }
  }

  /** Hands the lane off: its handoff entry in the ledger and {@code handed-off} on the Board. */
  private LaneResult record() {
    List<CommandRun> commands = new ArrayList<>();
    commands.add(new CommandRun(job.agentCommand(), outcome.exitCode(), outcome.elapsed()));
    for (GateOutcome g : gates.outcomes()) {
      commands.add(new CommandRun(g.command(), g.exitCode(), g.duration()));
    }
    String agentRun =
        "agent exit " + outcome.exitCode() + " in " + Durations.seconds(outcome.elapsed());
    // A lane gate that passed only on a retry is no failure, but the integrator's reviewer should
    // know the gate is flaky.
    List<String> risks = new ArrayList<>(notes.risksNoted());
    gates.flaky().forEach(f -> risks.add("lane " + f));
    HandoffEntry handoff =
        new HandoffEntry(
            lane.id(),
            job.attempt(),
            ctx.store()
                .ledger()
                .facts(lane.id())
                .lastCheckpoint()
                .map(c -> c.done())
                .orElse("none recorded"),
            lane.objective(),
            patch.files().stream().map(LaneRun::handoffFile).toList(),
            lane.acceptance().stream()
                .map(a -> new AcceptanceCheck(a.text(), a.checked()))
                .toList(),
            "All " + touched.size() + " changed files are inside the lane's effective scope.",
            "Not checked by lanes; see the worker's notes.",
            commands,
            "handed off: " + agentRun + ", lane gates " + gates.trailer(),
            risks.isEmpty() ? "none stated" : String.join("; ", risks),
            notes.next().isEmpty() ? "integrate" : String.join("; ", notes.next()),
            Optional.of(ctx.root().relativize(patchFile).toString()),
            Optional.of(patch.commitId()),
            // Of the bytes captured, not of the file written: the file is the worker's to reach.
            Optional.of(PatchDigest.sha256(patch.patch())),
            escapes,
            ctx.clock().instant());
    String summary =
        "handed off: "
            + touched.size()
            + (touched.size() == 1 ? " file" : " files")
            + ", gates "
            + gates.trailer();
    finish(BoardStatus.HANDED_OFF, "handed-off", summary, handoff);
    return result(BoardStatus.HANDED_OFF, summary);
  }

  /** Thrown by a step to stop the run there: the Board status and the entry that say why. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final BoardStatus status;
    private final transient FailureEntry entry;

    Stop(BoardStatus status, FailureEntry entry) {
      super(entry.failure(), null, false, false);
      this.status = status;
      this.entry = entry;
    }
  }

  /** A failure whose impact is the usual one: not handed off, lock released, escapes named. */
  private Stop failed(String kind, String why, String tail, String remediation) {
    String impact =
        "The lane is not handed off; its lock is released."
            + (escapes.isEmpty()
                ? ""
                : " Files of the main checkout changed during the run (possible escape): "
                    + String.join(", ", escapes));
    return stop(BoardStatus.FAILED, kind, why, impact, Optional.empty(), tail, remediation);
  }

  private Stop stop(
      BoardStatus status,
      String kind,
      String why,
      String impact,
      Optional<String> approval,
      String tail,
      String remediation) {
    return new Stop(
        status,
        new FailureEntry(
            lane.id(),
            job.attempt(),
            kind,
            kind + ": " + why,
            why,
            impact,
            approval,
            remediation,
            tail,
            ctx.clock().instant()));
  }

  /** Records the failure (or block): its ledger entry, the Board, the lock released on failure. */
  private LaneResult stopped(Stop stop) {
    finish(stop.status, stop.entry.failureKind(), stop.entry.failure(), stop.entry);
    return result(stop.status, stop.entry.failure());
  }

  /** Sets the Board, appends the entry, and releases the lock when the lane failed. */
  private void finish(BoardStatus status, String kind, String note, LedgerEntry entry) {
    listener.update(lane.id(), state(status), note);
    ctx.store()
        .update(
            snap -> {
              // Fencing: once this run's lock is gone (reclaimed, or released by someone else),
              // it may no longer touch the Board or the Locks; only its history is appended.
              LockRegistry locks = new LockRegistry(snap.plan().locks(), new LockScopes());
              if (locks.find(job.lock()).isEmpty()) {
                return StoreUpdate.of(0).appending(entry);
              }
              StoreUpdate<Integer> update =
                  StoreUpdate.of(0)
                      .withBoard(board(snap.plan(), status, shortNote(kind, note)))
                      .appending(entry);
              if (status == BoardStatus.FAILED
                  && locks.release(job.lock()) instanceof LockDecision.Granted g) {
                update = update.withLocks(g.rows());
              }
              return update;
            });
  }

  private void setBoard(BoardStatus status, String note) {
    ctx.store().update(snap -> StoreUpdate.of(0).withBoard(board(snap.plan(), status, note)));
  }

  private List<BoardRow> board(Plan plan, BoardStatus status, String note) {
    return BoardRows.set(
        plan,
        lane.id(),
        status,
        OptionalInt.of(job.wave()),
        job.attempt(),
        Optional.empty(),
        Optional.of(note),
        ctx.clock().instant());
  }

  private static LaneState state(BoardStatus status) {
    return switch (status) {
      case HANDED_OFF -> LaneState.HANDED_OFF;
      case BLOCKED -> LaneState.BLOCKED;
      default -> LaneState.FAILED;
    };
  }

  private static String shortNote(String kind, String note) {
    String text = BoardRows.note(note);
    return kind.equals("handed-off") ? text : kind + ": " + text;
  }

  private LaneResult result(BoardStatus status, String summary) {
    return new LaneResult(
        lane.id(),
        job.attempt(),
        state(status),
        summary,
        outside,
        escapes,
        Duration.between(started, ctx.clock().instant()));
  }

  /** Renews the lane's lock while the worker runs; a lock taken back ends the worker. */
  private ScheduledExecutorService heartbeats(RunningProcess process) {
    ScheduledExecutorService beats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "heartbeat-" + id);
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1000, ctx.policy().heartbeat().toMillis());
    beats.scheduleAtFixedRate(
        () -> {
          try {
            boolean ok =
                ctx.store()
                    .update(
                        snap -> {
                          LockDecision d =
                              new LockRegistry(snap.plan().locks(), new LockScopes())
                                  .heartbeat(job.lock(), ctx.clock().instant(), ctx.policy().ttl());
                          return d instanceof LockDecision.Granted g
                              ? StoreUpdate.of(true).withLocks(g.rows())
                              : StoreUpdate.of(false);
                        });
            if (!ok) {
              // Fenced out or expired: this worker may no longer write; end it.
              lockLost.set(true);
              process.stop();
            }
          } catch (RuntimeException e) {
            // A busy writer or a person's bad edit: try again at the next beat.
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    return beats;
  }

  /**
   * Copies the policy's {@code copy:} paths (untracked things a worker needs) into the worktree.
   */
  private void copyFiles() {
    for (String item : ctx.policy().list("copy")) {
      Path from = ctx.root().resolve(item).normalize();
      if (!from.startsWith(ctx.root()) || !Files.exists(from)) {
        continue;
      }
      Path to = worktree.resolve(item).normalize();
      try (Stream<Path> walk = Files.walk(from)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(
                p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + item + " into the worktree", e);
      }
    }
  }

  private static HandoffFile handoffFile(ChangedFile f) {
    String change = f.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return new HandoffFile(f.path() + f.oldPath().map(o -> " (from " + o + ")").orElse(""), change);
  }

  /** {@code .lanes/logs/<lane>.<attempt><suffix>}. */
  private Path logs(String suffix) {
    return ctx.root().resolve(".lanes/logs/" + id + "." + job.attempt() + suffix);
  }

  private static void write(Path file, String text) {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
