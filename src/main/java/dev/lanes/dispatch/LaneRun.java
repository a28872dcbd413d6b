package dev.lanes.dispatch;

import dev.lanes.gates.GateContext;
import dev.lanes.gates.GateOutcome;
import dev.lanes.gates.LadderResult;
import dev.lanes.git.CapturedPatch;
import dev.lanes.git.ChangedFile;
import dev.lanes.git.ExistingBranch;
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
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.LaneId;
import dev.lanes.policy.GateStage;
import dev.lanes.port.ProcessOutcome;
import dev.lanes.port.ProcessSpec;
import dev.lanes.port.RunningProcess;
import dev.lanes.scope.Scope;
import dev.lanes.store.StoreUpdate;
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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One lane's run, from its locked state to its handoff: prepare the worktree, write the prompt, run
 * the agent with heartbeats, capture the patch, check its scope, run the lane gates, and record the
 * outcome on the Board and in the ledger. The lock is released only when the lane fails; a blocked
 * or handed-off lane keeps it.
 */
final class LaneRun {
  /** The exit code by which a worker says it waits for a person's approval. */
  static final int BLOCKED_EXIT = 77;

  /** Runs a lane's side tasks (the escape check) beside its own steps. */
  private static final ExecutorService BESIDE =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "lanes-lane-beside");
            t.setDaemon(true);
            return t;
          });

  private final DispatchContext ctx;
  private final DispatchListener listener;
  private final Lane lane;
  private final Scope scope;
  private final int wave;
  private final int attempt;
  private final String agentCommand;
  private final LockId lockId;
  private final String base;
  private final boolean reuseWorktree;

  /** Read on the lane's own thread: a reopened lane's context comes from its ledger entries. */
  private final java.util.function.Supplier<ResumeContext> resume;

  private final Optional<Duration> timeout;
  private final CheckoutWatch.Snapshots checkout;
  private CompletableFuture<Void> markedRunning = CompletableFuture.completedFuture(null);
  private final CompletableFuture<Void> workerStarted = new CompletableFuture<>();
  private Runnable slotFree = () -> {};
  // Set by the dispatching thread before the lane's own thread starts (Thread#start orders it).
  private CompletableFuture<Path> prepared;
  // The same for the dispatch's watch of the repository's shared state (see SharedStateGuard).
  private SharedStateGuard shared;

  LaneRun(
      DispatchContext ctx,
      DispatchListener listener,
      Lane lane,
      Scope scope,
      int wave,
      int attempt,
      String agentCommand,
      LockId lockId,
      String base,
      boolean reuseWorktree,
      java.util.function.Supplier<ResumeContext> resume,
      Optional<Duration> timeout,
      CheckoutWatch.Snapshots checkout) {
    this.ctx = ctx;
    this.listener = listener;
    this.lane = lane;
    this.scope = scope;
    this.wave = wave;
    this.attempt = attempt;
    this.agentCommand = agentCommand;
    this.lockId = lockId;
    this.base = base;
    this.reuseWorktree = reuseWorktree;
    this.resume = resume;
    this.timeout = timeout;
    this.checkout = checkout;
  }

  /**
   * Runs the lane; {@code slotFree} runs once, when the lane no longer counts as a running worker:
   * its worker and its lane gates are over and only its record (Board row, ledger entry) remains to
   * be written. The next lane can make its worktree meanwhile.
   */
  LaneResult run(Runnable slotFree) {
    AtomicBoolean freed = new AtomicBoolean();
    this.slotFree =
        () -> {
          if (freed.compareAndSet(false, true)) {
            slotFree.run();
          }
        };
    try {
      return run();
    } finally {
      workerStarted.complete(null);
      this.slotFree.run();
    }
  }

  /** Done when the lane's worker has started, or when the lane ended without one. */
  CompletableFuture<Void> workerStarted() {
    return workerStarted;
  }

  private LaneResult run() {
    Instant started = ctx.clock().instant();
    try {
      return runSteps(started);
    } catch (RuntimeException e) {
      String reason = "lanes could not run the lane: " + e.getMessage();
      finish(
          BoardStatus.FAILED,
          "internal",
          reason,
          failure(
              "internal",
              reason,
              reason,
              Optional.empty(),
              "",
              "Fix the cause and run `lanes resume " + lane.id() + "`."));
      return result(LaneState.FAILED, reason, List.of(), List.of(), started);
    }
  }

  private LaneResult runSteps(Instant started) {
    String id = lane.id().value();
    listener.update(lane.id(), LaneState.PREPARING, "making worktree");
    Path runDir = ctx.runDir(id);
    // The Board says `running` from the moment the lane takes a worker slot: that store write goes
    // beside `git worktree add` (or beside waiting for the worktree made ahead) rather than after
    // it. The worker file goes first, so that `status` never sees a running lane with no lanes
    // process on record.
    markedRunning =
        CompletableFuture.runAsync(
            () -> {
              writeWorkerFile(runDir, Optional.empty(), Optional.empty());
              markRunning();
            },
            BESIDE);
    // The watch of the person's checkout begins beside the worktree too; lanes that start together
    // share its `git status` (see CheckoutWatch.Snapshots).
    CompletableFuture<CheckoutWatch> watching =
        CompletableFuture.supplyAsync(() -> CheckoutWatch.start(checkout), BESIDE);
    Path worktree = worktree();

    Path promptFile = runDir.resolve("prompt.md");
    write(promptFile, AssignmentPrompt.render(lane, scope, ctx.policy(), attempt, resume.get()));
    Path handoffFile = runDir.resolve(attempt + ".handoff.md");
    deleteIfExists(handoffFile);
    Path log = ctx.logFile(id, attempt);
    Map<String, String> env = environment(worktree, promptFile, handoffFile);

    Optional<String> setup = ctx.policy().setting("setup").filter(s -> !s.isBlank());
    if (setup.isPresent()) {
      listener.update(lane.id(), LaneState.PREPARING, "setup: " + setup.get());
      ProcessOutcome set =
          ctx.runner()
              .run(
                  new ProcessSpec(
                      setup.get(),
                      worktree,
                      env,
                      Optional.of(Duration.ofMinutes(30)),
                      ctx.root().resolve(".lanes/logs/" + id + "." + attempt + ".setup.log")),
                  line -> listener.update(lane.id(), LaneState.PREPARING, line));
      if (!set.succeeded()) {
        String why = "the setup command `" + setup.get() + "` failed with exit " + set.exitCode();
        finish(
            BoardStatus.FAILED,
            "setup",
            why,
            failure(
                "setup",
                why,
                why,
                Optional.empty(),
                String.join("\n", set.outputTail()),
                "Fix the `setup:` command in AGENTS.md, then run `lanes resume " + id + "`."));
        return result(LaneState.FAILED, why, List.of(), List.of(), started);
      }
    }

    awaitMarkedRunning();

    CheckoutWatch watch = joined(watching);
    listener.update(lane.id(), LaneState.RUNNING, "started");
    // Said before the start, so that no watch beginning meanwhile takes a snapshot this worker
    // may already have changed.
    watch.workerStarted();
    shared.workerStarting(lane.id());
    RunningProcess process;
    try {
      process =
          ctx.runner()
              .start(
                  new ProcessSpec(agentCommand, worktree, env, timeout, log)
                      .withLogLimit(ctx.policy().logLimit()),
                  line -> listener.update(lane.id(), LaneState.RUNNING, line));
    } catch (RuntimeException e) {
      watch.changed();
      shared.workerEnded(lane.id());
      throw e;
    }
    workerStarted.complete(null);
    writeWorkerFile(runDir, Optional.of(process.pid()), Optional.of(worktree));
    AtomicBoolean lockLost = new AtomicBoolean(false);
    ScheduledExecutorService beats = heartbeats(process, lockLost);
    ProcessOutcome outcome;
    List<SharedStateGuard.Finding> sharedChanges = List.of();
    try {
      outcome = process.await();
    } finally {
      beats.shutdownNow();
      sharedChanges = shared.workerEnded(lane.id());
    }

    listener.update(lane.id(), LaneState.CAPTURING, "capturing the patch");
    // The escape check reads the person's checkout, the capture the lane's worktree: side by side.
    CompletableFuture<List<String>> escaped = CompletableFuture.supplyAsync(watch::changed, BESIDE);
    CapturedPatch patch = ctx.capture().capture(worktree, base, lane.objective());
    Path patchFile = runDir.resolve(attempt + ".patch");
    writeBytes(patchFile, patch.patch());
    List<String> escapes = escaped.join();
    List<String> touched =
        patch.files().stream().flatMap(f -> f.touchedPaths().stream()).distinct().sorted().toList();
    List<String> outside = touched.stream().filter(p -> !scope.contains(p)).toList();
    HandoffNotes notes = HandoffNotes.read(handoffFile);
    String tail = String.join("\n", outcome.outputTail());
    String agentRun = "agent exit " + outcome.exitCode() + " in " + seconds(outcome.elapsed());

    Optional<SharedStateGuard.Blame> blame = SharedStateGuard.blame(lane.id(), sharedChanges);
    if (blame.isPresent()) {
      SharedStateGuard.Blame b = blame.get();
      finish(
          BoardStatus.FAILED,
          "shared-state",
          b.why(),
          failure("shared-state", b.why(), b.impact(), Optional.empty(), tail, b.remediation()));
      return result(LaneState.FAILED, b.why(), outside, escapes, started);
    }
    if (lockLost.get()) {
      String why = "the lane's lock " + lockId + " was taken back while the worker ran";
      return failed("lock", why, tail, escapes, outside, started, "Dispatch the lane again.");
    }
    if (outcome.timedOut()) {
      String why =
          "the worker ran out of time after "
              + seconds(outcome.elapsed())
              + "; its whole process tree was ended";
      return failed(
          "timeout",
          why,
          tail,
          escapes,
          outside,
          started,
          "Resume with a longer --timeout, or split the lane.");
    }
    if (outcome.exitCode() == BLOCKED_EXIT || notes.approval().isPresent()) {
      Optional<String> asked = notes.approval();
      String why =
          "the worker is waiting for approval"
              + asked.map(a -> " of `" + a + "`").orElse(" (exit 77)");
      LedgerEntry entry =
          failure(
              "blocked",
              why,
              "The lane is blocked until a person approves; its lock is kept.",
              asked,
              tail,
              "Approve with `lanes approve "
                  + lane.id()
                  + " --scope \""
                  + asked.orElse("<command prefix>")
                  + "\"`, then `lanes resume "
                  + lane.id()
                  + "`.");
      finish(BoardStatus.BLOCKED, "blocked", why, entry);
      return result(LaneState.BLOCKED, why, outside, escapes, started);
    }
    if (outcome.exitCode() != 0) {
      String why = "the worker failed with exit " + outcome.exitCode();
      return failed(
          "exit " + outcome.exitCode(),
          why,
          tail,
          escapes,
          outside,
          started,
          "Read the log " + ctx.root().relativize(log) + " and resume the lane.");
    }
    if (!outside.isEmpty()) {
      String why =
          "the patch touches files outside the lane's scope: " + String.join(", ", outside);
      return failed(
          "scope",
          why,
          tail,
          escapes,
          outside,
          started,
          "Widen the lane's scope in PLAN.md, or resume the lane to undo those edits.");
    }
    if (patch.isEmpty()) {
      String why = "no changes: the worker ended with exit 0 but changed nothing in its worktree";
      return failed(
          "no-changes",
          why,
          tail,
          escapes,
          outside,
          started,
          "Check the prompt and the agent command, then resume the lane.");
    }

    listener.update(lane.id(), LaneState.GATING, "lane gates");
    LadderResult gates =
        ctx.ladder()
            .run(
                ctx.policy().gates(GateStage.LANE),
                GateStage.LANE,
                worktree,
                env,
                new GateContext(id, touched),
                ctx.root().resolve(".lanes/logs/" + id + "." + attempt + ".gates"));
    List<CommandRun> commands = new ArrayList<>();
    commands.add(new CommandRun(agentCommand, outcome.exitCode(), outcome.elapsed()));
    for (GateOutcome g : gates.outcomes()) {
      commands.add(new CommandRun(g.command(), g.exitCode(), g.duration()));
    }
    if (!gates.passed()) {
      GateOutcome bad = gates.firstFailure().orElseThrow();
      String why =
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
              + "`";
      return failed(
          "gate",
          why,
          String.join("\n", bad.outputTail()),
          escapes,
          outside,
          started,
          "Fix what the gate reports and resume the lane.");
    }

    LedgerFacts facts = ctx.store().ledger().facts(lane.id());
    HandoffEntry handoff =
        new HandoffEntry(
            lane.id(),
            attempt,
            facts.lastCheckpoint().map(c -> c.done()).orElse("none recorded"),
            lane.objective(),
            patch.files().stream().map(LaneRun::handoffFile).toList(),
            lane.acceptance().stream()
                .map(a -> new AcceptanceCheck(a.text(), a.checked()))
                .toList(),
            "All " + touched.size() + " changed files are inside the lane's effective scope.",
            "Not checked by lanes; see the worker's notes.",
            commands,
            "handed off: " + agentRun + ", lane gates " + gates.trailer(),
            notes.risksNoted().isEmpty() ? "none stated" : String.join("; ", notes.risksNoted()),
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
    return result(LaneState.HANDED_OFF, summary, outside, escapes, started);
  }

  /**
   * Starts making this lane's worktree while it still waits for a worker slot, so that its worker
   * starts as soon as one frees: on a large repository {@code git worktree add} takes seconds. Only
   * the worktree, its base file and the policy's {@code copy:} files are made ahead; the {@code
   * setup:} command and the Board's {@code running} wait for the slot. At most once per run.
   */
  void prepareAhead() {
    if (prepared == null) {
      prepared = CompletableFuture.supplyAsync(this::prepareWorktree, BESIDE);
    }
  }

  /** The dispatch's watch of the repository's shared state; set before the lane's thread starts. */
  void guardedBy(SharedStateGuard guard) {
    this.shared = guard;
  }

  /** The lane's worktree: the one made ahead, or made now. */
  private Path worktree() {
    return prepared == null ? prepareWorktree() : joined(prepared);
  }

  private Path prepareWorktree() {
    String id = lane.id().value();
    Path worktree =
        ctx.worktrees()
            .add(ctx.root(), id, base, reuseWorktree ? ExistingBranch.REUSE : ExistingBranch.RESET);
    write(ctx.runDir(id).resolve("base"), base + "\n");
    copyFiles(worktree);
    return worktree;
  }

  private static HandoffFile handoffFile(ChangedFile f) {
    String change = f.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return new HandoffFile(f.path() + f.oldPath().map(o -> " (from " + o + ")").orElse(""), change);
  }

  private LaneResult failed(
      String kind,
      String why,
      String tail,
      List<String> escapes,
      List<String> outside,
      Instant started,
      String remediation) {
    String impact =
        escapes.isEmpty()
            ? "The lane is not handed off; its lock is released."
            : "The lane is not handed off; its lock is released. Files of the main checkout changed"
                + " during the run (possible escape): "
                + String.join(", ", escapes);
    finish(
        BoardStatus.FAILED,
        kind,
        why,
        failure(kind, why, impact, Optional.empty(), tail, remediation));
    return result(LaneState.FAILED, why, outside, escapes, started);
  }

  private FailureEntry failure(
      String kind,
      String why,
      String impact,
      Optional<String> approval,
      String tail,
      String remediation) {
    return new FailureEntry(
        lane.id(),
        attempt,
        kind,
        kind + ": " + why,
        why,
        impact,
        approval,
        remediation,
        tail,
        ctx.clock().instant());
  }

  /** Sets the lane's Board row to {@code running}, noting this lanes process. */
  private void markRunning() {
    ctx.store()
        .update(
            snap ->
                StoreUpdate.of(0)
                    .withBoard(
                        BoardRows.set(
                            snap.plan(),
                            lane.id(),
                            BoardStatus.RUNNING,
                            OptionalInt.of(wave),
                            attempt,
                            Optional.empty(),
                            Optional.of("pid " + ProcessHandle.current().pid()),
                            ctx.clock().instant())));
  }

  /** Waits for the `running` write; its failure is the lane's, as if it had run in line. */
  private void awaitMarkedRunning() {
    joined(markedRunning);
  }

  /** The result of a step run beside this one, its failure rethrown as if it had run in line. */
  private static <T> T joined(CompletableFuture<T> step) {
    try {
      return step.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Sets the Board, appends the entry, and releases the lock when the lane failed. */
  private void finish(BoardStatus status, String kind, String note, LedgerEntry entry) {
    slotFree.run();
    // The last Board write of the lane must come after its `running` one, whatever happened.
    try {
      markedRunning.join();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      // It failed: the lane ends here anyway, with this write.
    }
    listener.update(
        lane.id(),
        status == BoardStatus.HANDED_OFF
            ? LaneState.HANDED_OFF
            : status == BoardStatus.BLOCKED ? LaneState.BLOCKED : LaneState.FAILED,
        note);
    ctx.store()
        .update(
            snap -> {
              // Fencing: once this run's lock is gone (reclaimed, or released by someone else),
              // it may no longer touch the Board or the Locks; only its history is appended.
              boolean fencedOut =
                  snap.plan().locks().stream().noneMatch(l -> l.lockId().equals(lockId.toString()));
              if (fencedOut) {
                return StoreUpdate.of(0).appending(entry);
              }
              StoreUpdate<Integer> update =
                  StoreUpdate.of(0)
                      .withBoard(
                          BoardRows.set(
                              snap.plan(),
                              lane.id(),
                              status,
                              OptionalInt.of(wave),
                              attempt,
                              Optional.empty(),
                              Optional.of(shortNote(kind, note)),
                              ctx.clock().instant()))
                      .appending(entry);
              if (status == BoardStatus.FAILED) {
                LockDecision released =
                    new LockRegistry(snap.plan().locks(), new LockScopes()).release(lockId);
                if (released instanceof LockDecision.Granted g) {
                  update = update.withLocks(g.rows());
                }
              }
              return update;
            });
  }

  private static String shortNote(String kind, String note) {
    // Backticks would be escaped in the table cell; the ledger keeps the exact text.
    String plain = note.replace("`", "");
    String text = plain.length() > 120 ? plain.substring(0, 117) + "..." : plain;
    return kind.equals("handed-off") ? text : kind + ": " + text;
  }

  private ScheduledExecutorService heartbeats(RunningProcess process, AtomicBoolean lockLost) {
    ScheduledExecutorService beats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "heartbeat-" + lane.id());
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
                                  .heartbeat(lockId, ctx.clock().instant(), ctx.policy().ttl());
                          if (d instanceof LockDecision.Granted g) {
                            return StoreUpdate.of(true).withLocks(g.rows());
                          }
                          return StoreUpdate.of(false);
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

  private Map<String, String> environment(Path worktree, Path promptFile, Path handoffFile) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("LANES_LANE", lane.id().value());
    vars.put("LANES_ATTEMPT", Integer.toString(attempt));
    vars.put("LANES_WORKTREE", worktree.toString());
    vars.put("LANES_PROMPT_FILE", promptFile.toString());
    vars.put("LANES_HANDOFF_FILE", handoffFile.toString());
    vars.put("LANES_BASE", base);
    return WorkerEnvironment.build(ctx.callerEnvironment(), ctx.policy().list("env-deny"), vars);
  }

  /**
   * Copies the policy's {@code copy:} paths (untracked things a worker needs) into the worktree.
   */
  private void copyFiles(Path worktree) {
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

  private LaneResult result(
      LaneState state,
      String summary,
      List<String> outside,
      List<String> escapes,
      Instant started) {
    return new LaneResult(
        lane.id(),
        attempt,
        state,
        summary,
        outside,
        escapes,
        Duration.between(started, ctx.clock().instant()));
  }

  LaneId laneId() {
    return lane.id();
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return String.format(java.util.Locale.ROOT, "%d.%ds", ms / 1000, (ms % 1000) / 100);
  }

  /** {@code .lanes/run/<lane>/worker}: which lanes process (and worker) runs this attempt. */
  private void writeWorkerFile(Path runDir, Optional<Long> workerPid, Optional<Path> worktree) {
    WorkerFile.write(runDir, workerPid, worktree, attempt);
  }

  private static void write(Path file, String text) {
    writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeBytes(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
