package dev.lanes.integrate;

import dev.lanes.dispatch.LeftWorker;
import dev.lanes.error.BadInputException;
import dev.lanes.error.WorkFailedException;
import dev.lanes.gates.GateContext;
import dev.lanes.gates.GateLadder;
import dev.lanes.gates.GateOutcome;
import dev.lanes.gates.GateStatus;
import dev.lanes.gates.HeldGateCache;
import dev.lanes.gates.LadderResult;
import dev.lanes.git.CliCall;
import dev.lanes.git.GitIdentity;
import dev.lanes.git.PatchCapture;
import dev.lanes.git.WorktreeObjects;
import dev.lanes.ledger.FailureEntry;
import dev.lanes.ledger.IntegrationEntry;
import dev.lanes.ledger.IntegrationResult;
import dev.lanes.lock.LockDecision;
import dev.lanes.lock.LockId;
import dev.lanes.lock.LockRegistry;
import dev.lanes.lock.LockScopes;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardRows;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.Plan;
import dev.lanes.policy.Gate;
import dev.lanes.policy.GateStage;
import dev.lanes.store.StoreUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The integrate use case: lands the handed-off lanes one patch at a time on a staging branch,
 * through the patch and wave gates, and moves the target branch only to a fully gated commit (see
 * the package description for the steps, their idempotency and the crash hook).
 */
public final class Integrator {
  /** How often the target may move under a run before it gives up. */
  static final int MAX_ROUNDS = 3;

  private final IntegrateContext ctx;
  private final StagingWorktree staging;
  private final GateLadder cachedLadder;
  private final GateLadder freshLadder;
  private final CrashHook crash;
  // The bytes of each patch as checked (PatchCheck): applied from memory, never read again from a
  // file a worker could write between the check and the apply.
  private final Map<QueueItem, byte[]> checked = new HashMap<>();
  private GitIdentity identity;

  public Integrator(IntegrateContext ctx) {
    this.ctx = ctx;
    this.staging =
        new StagingWorktree(ctx.root(), ctx.git(), ctx.worktrees(), WorktreeObjects.system());
    this.cachedLadder = new GateLadder(ctx.runner(), ctx.gateCache());
    this.freshLadder = new GateLadder(ctx.runner());
    this.crash = new CrashHook(Optional.ofNullable(ctx.environment().get(CrashHook.VARIABLE)));
  }

  /** What a run would do now, reading only: the queue, each patch's files, the gates. */
  public IntegratePreview preview(String target) {
    String tip = tipOf(target);
    List<QueueItem> queue = queue();
    if (!queue.isEmpty()) {
      CommittedGates.require(ctx.git(), ctx.root(), target, tip, ctx.policy());
    }
    Map<QueueItem, List<String>> files = new LinkedHashMap<>();
    for (QueueItem item : queue) {
      files.put(item, Files.isRegularFile(item.patch()) ? patchFiles(item.patch()) : List.of());
    }
    return new IntegratePreview(
        target,
        tip,
        queue,
        files,
        ctx.policy().gates(GateStage.PATCH),
        ctx.policy().gates(GateStage.WAVE));
  }

  /**
   * Lands what is handed off onto {@code target}, under the integrator lock.
   *
   * @throws dev.lanes.error.BusyException when another integrator runs (exit 3)
   * @throws WorkFailedException when the target is red before any lane, or the person's checkout
   *     holds changes the landed work touches (exit 1)
   */
  public IntegrateReport run(String target) {
    IntegratorLock lock = IntegratorLock.acquire(ctx.root(), ctx.clock().instant());
    try {
      crash.at("after-lock");
      return rounds(target);
    } finally {
      try {
        // A branch move still under way must not be cut off by the process exit (a stale ref lock).
        staging.settleQuietly();
      } finally {
        lock.close();
      }
    }
  }

  private IntegrateReport rounds(String target) {
    List<LaneOutcome> outcomes = new ArrayList<>();
    Set<LaneId> unbacked = new HashSet<>();
    Optional<String> from = Optional.empty();
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      String old = tipOf(target);
      from = from.or(() -> Optional.of(old));
      List<QueueItem> todo = new ArrayList<>();
      // One `git log` per distinct base, not two git calls per queue item.
      Map<Optional<String>, Map<String, String>> landedByBase = new HashMap<>();
      List<QueueItem> queued = queue();
      // A handed-off lane's worker is over, unless a killed lanes left it running: end it before
      // its patch and branch are read.
      LeftWorker.end(ctx.root(), queued.stream().map(QueueItem::lane).toList()).forEach(this::say);
      for (QueueItem item : queued) {
        if (item.standing().unbacked().isPresent()) {
          if (unbacked.add(item.lane())) {
            outcomes.add(refuseUnbacked(item));
          }
          continue;
        }
        Optional<String> done =
            Optional.ofNullable(
                landedByBase
                    .computeIfAbsent(item.base(), base -> staging.landedCommits(old, base))
                    .get(StagingWorktree.landedKey(item.lane().value(), item.attempt())));
        if (done.isPresent()) {
          // An earlier run moved the target but was stopped before writing the ledger.
          say(item.lane() + " is already on " + target + " as " + brief(done.get()));
          outcomes.add(
              recordLanded(
                  item,
                  done.get(),
                  "(recorded in the commit's Gates trailer)",
                  "found on " + target + " as " + done.get() + ", landed by an earlier run"));
        } else {
          todo.add(item);
        }
      }
      if (todo.isEmpty()) {
        if (outcomes.isEmpty()) {
          say("Nothing to integrate: no lane is handed off.");
        }
        return new IntegrateReport(target, from, Optional.of(old), outcomes);
      }
      // The gates run are the target's committed ones: the checkout's AGENTS.md must say the same.
      CommittedGates.require(ctx.git(), ctx.root(), target, old, ctx.policy());
      say(
          "Integrating "
              + todo.size()
              + (todo.size() == 1 ? " lane" : " lanes")
              + " onto "
              + target
              + " at "
              + brief(old)
              + " in "
              + StagingWorktree.DIR);
      staging.resetTo(old);
      crash.at("after-staging");
      gateBase(target, old);
      crash.at("after-base-gates");
      List<Landed> landed = landWaves(todo, outcomes, target);
      if (landed.isEmpty()) {
        return new IntegrateReport(target, from, Optional.of(old), outcomes);
      }
      String next = staging.head();
      MoveResult move = staging.moveTarget(target, old, next);
      switch (move.outcome()) {
        case MOVED -> {
          crash.at("after-move");
          say("Moved " + target + " from " + brief(old) + " to " + brief(next));
          List<Landing> landings = new ArrayList<>();
          for (Landed l : landed) {
            landings.add(new Landing(l.item(), l.commit(), gatesText(l), landedReason(l)));
          }
          outcomes.addAll(recordLanded(landings));
          return new IntegrateReport(target, from, Optional.of(next), outcomes);
        }
        case TARGET_MOVED ->
            say(
                target
                    + " moved while lanes integrated; rebuilding staging on its new tip (round "
                    + (round + 1)
                    + " of at most "
                    + MAX_ROUNDS
                    + ")");
        case CHECKOUT_IN_THE_WAY -> throw checkoutInTheWay(target, old, next, move, landed);
        default -> throw new IllegalStateException("unknown move outcome " + move.outcome());
      }
    }
    throw new WorkFailedException(
        target
            + " moved "
            + MAX_ROUNDS
            + " times while lanes integrated, so nothing was landed; the lanes stay handed off."
            + " Run `lanes integrate` again when "
            + target
            + " is quiet.");
  }

  /** Runs the patch gates on the target's tip; a red target stops the run with nobody blamed. */
  private void gateBase(String target, String tip) {
    GateRun base = gate(GateStage.PATCH, new GateContext("", List.of()), "base");
    if (!base.passed()) {
      throw redTarget(target, tip, base.result(), "before any lane lands");
    }
  }

  private List<Landed> landWaves(List<QueueItem> todo, List<LaneOutcome> outcomes, String target) {
    Map<Integer, List<QueueItem>> waves = new LinkedHashMap<>();
    for (QueueItem item : todo) {
      waves.computeIfAbsent(item.wave(), w -> new ArrayList<>()).add(item);
    }
    List<Landed> all = new ArrayList<>();
    for (Map.Entry<Integer, List<QueueItem>> wave : waves.entrySet()) {
      String waveStart = staging.head();
      List<Landed> landed = landEach(wave.getValue(), outcomes, target);
      String name = "wave-" + waveName(wave.getKey());
      for (int round = 0; !landed.isEmpty(); round++) {
        GateRun gates =
            gate(
                GateStage.WAVE, new GateContext("", staging.filesBetween(waveStart, "HEAD")), name);
        if (gates.passed()) {
          List<String> notes = new ArrayList<>(describe(gates.result()));
          gates.flaky().forEach(f -> notes.add("wave " + f));
          landed = landed.stream().map(l -> l.plus(notes)).toList();
          break;
        }
        if (round > wave.getValue().size()) {
          throw new WorkFailedException(
              "the wave gates of wave "
                  + waveName(wave.getKey())
                  + " keep failing after every breaker was taken out (a flaky gate? set"
                  + " `retries: N` under ## Integration); nothing was landed");
        }
        say("  wave gates failed; bisecting over " + names(landed));
        if (!probe(waveStart, List.of(), name)) {
          throw redTarget(
              target,
              waveStart,
              gates.result(),
              "without any lane of wave " + waveName(wave.getKey()));
        }
        Bisection<Landed> found =
            WaveBisector.bisect(landed, subset -> probe(waveStart, subset, name));
        for (Bisection.Breaker<Landed> b : found.breakers()) {
          reopenWaveBreaker(b, gates.result(), wave.getKey(), outcomes);
        }
        staging.rewind(waveStart);
        landed = landEach(found.kept().stream().map(Landed::item).toList(), outcomes, target);
      }
      crash.at("after-wave-gates:" + waveName(wave.getKey()));
      crash.at("after-wave-gates");
      all.addAll(landed);
    }
    return all;
  }

  /** Applies, gates and commits each lane in order on staging; drops (and reopens) the rest. */
  private List<Landed> landEach(List<QueueItem> items, List<LaneOutcome> outcomes, String target) {
    List<Landed> landed = new ArrayList<>();
    for (QueueItem item : items) {
      String lane = item.lane().value();
      Optional<Path> patch = patchOf(item);
      if (patch.isEmpty()) {
        String why = "its patch " + ctx.root().relativize(item.patch()) + " is gone";
        outcomes.add(
            reopen(
                item,
                failure(item, "patch-missing", why, why, "", "Dispatch the lane again."),
                why,
                "",
                "patch missing"));
        continue;
      }
      byte[] bytes = read(patch.get());
      Optional<PatchCheck.Refusal> refusal = PatchCheck.check(item, bytes, () -> patchFiles(bytes));
      if (refusal.isPresent()) {
        PatchCheck.Refusal r = refusal.get();
        outcomes.add(
            reopen(
                item,
                failure(
                    item,
                    r.kind(),
                    r.why(),
                    "The patch was not applied and nothing of it landed; the lane is reopened and"
                        + " its lock released. The rest of the queue went on.",
                    r.evidence(),
                    r.remediation()),
                "dropped: " + r.why(),
                "",
                r.note()));
        continue;
      }
      checked.put(item, bytes);
      String tip = staging.head();
      // The patch's file list (for {files}, {dirs}, {modules}) and the tree it should give are
      // read while git applies it.
      Future<StagingWorktree.PatchReading> reading = staging.readBeside(bytes);
      ApplyOutcome applied = staging.apply(bytes);
      if (!applied.clean()) {
        staging.discard();
        outcomes.add(reopenConflict(item, applied, target, tip));
        continue;
      }
      crash.at("after-apply:" + lane);
      StagingWorktree.PatchReading read = joined(reading);
      List<String> files = read.files().orElseGet(staging::stagedFiles);
      GateRun gates =
          gate(
              GateStage.PATCH,
              new GateContext(lane, files),
              lane + "." + item.attempt(),
              staging.expectIndexTree(read.expectedTree()));
      if (!gates.passed()) {
        staging.discard();
        outcomes.add(reopenGate(item, gates.result(), target));
        continue;
      }
      crash.at("after-patch-gates:" + lane);
      String commit = staging.commit(message(item, gates.result()), identity());
      crash.at("after-commit:" + lane);
      say("  " + lane + ": applied and gated (" + gates.result().trailer() + "), " + brief(commit));
      List<String> notes = new ArrayList<>(describe(gates.result()));
      gates.flaky().forEach(f -> notes.add("patch " + f));
      landed.add(new Landed(item, commit, files, gates.result(), notes));
    }
    return landed;
  }

  /** What a patch says of itself, read beside its apply; nothing if that went wrong. */
  private static StagingWorktree.PatchReading joined(Future<StagingWorktree.PatchReading> read) {
    try {
      return read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading a patch", e);
    } catch (ExecutionException e) {
      return new StagingWorktree.PatchReading(Optional.empty(), Optional.empty());
    }
  }

  /** Whether the wave gates pass on the wave's start with {@code subset}'s patches applied. */
  private boolean probe(String waveStart, List<Landed> subset, String name) {
    staging.rewind(waveStart);
    for (Landed l : subset) {
      if (!staging.apply(checked.get(l.item())).clean()) {
        return false;
      }
    }
    List<String> files = staging.stagedFiles();
    boolean passed = gate(GateStage.WAVE, new GateContext("", files), name + "-bisect").passed();
    staging.rewind(waveStart);
    return passed;
  }

  /**
   * Runs a stage's gates on the index tree of staging, cached by tree; a failure is retried
   * uncached up to {@code retries} times, and a retry that passes makes the gate flaky, not red.
   */
  private GateRun gate(GateStage stage, GateContext gctx, String logName) {
    return gate(stage, gctx, logName, Optional.empty());
  }

  /**
   * Like {@link #gate(GateStage, GateContext, String)}, starting on the {@code expected} tree of
   * staging (see {@link StagingWorktree#expectIndexTree}) while its real tree is written beside the
   * gates. Outcomes are stored only once the real tree proves the expectation right; were it wrong,
   * the ladder runs again keyed by the real tree, so nothing is cached, found or committed for a
   * tree the gates did not see.
   */
  private GateRun gate(
      GateStage stage, GateContext gctx, String logName, Optional<String> expected) {
    List<Gate> gates = ctx.policy().gates(stage);
    Path logDir = ctx.logDir().resolve(logName);
    LadderResult result;
    String tree;
    if (expected.isPresent()) {
      HeldGateCache held = new HeldGateCache(ctx.gateCache());
      result =
          new GateLadder(ctx.runner(), held)
              .run(gates, stage, staging.dir(), ctx.environment(), gctx, logDir, expected.get());
      tree = staging.indexTree();
      if (tree.equals(expected.get())) {
        held.release();
      } else {
        result =
            cachedLadder.run(gates, stage, staging.dir(), ctx.environment(), gctx, logDir, tree);
      }
    } else {
      tree = staging.indexTree();
      result = cachedLadder.run(gates, stage, staging.dir(), ctx.environment(), gctx, logDir, tree);
    }
    List<String> flaky = new ArrayList<>();
    for (int retry = 1; retry <= ctx.policy().retries() && !result.passed(); retry++) {
      GateOutcome failed = result.firstFailure().orElseThrow();
      LadderResult again =
          freshLadder.run(gates, stage, staging.dir(), ctx.environment(), gctx, logDir);
      if (again.passed()) {
        flaky.add(
            "gate "
                + failed.gate().number()
                + " ("
                + failed.gate().name()
                + ") "
                + failure(failed)
                + ", then passed on retry "
                + retry
                + " of the unchanged tree "
                + brief(tree)
                + ": flaky, not blamed");
        for (GateOutcome o : again.outcomes()) {
          if (o.status() == GateStatus.PASSED) {
            ctx.gateCache().put(tree, o);
          }
        }
      }
      result = again;
    }
    return new GateRun(result, flaky);
  }

  private LaneOutcome reopenConflict(
      QueueItem item, ApplyOutcome applied, String target, String tip) {
    String files =
        applied.conflictingFiles().isEmpty()
            ? "(git named no file)"
            : String.join(", ", applied.conflictingFiles());
    String why =
        "the patch of attempt "
            + item.attempt()
            + item.base().map(b -> " (made on " + brief(b) + ")").orElse("")
            + " conflicts with "
            + target
            + " at "
            + brief(tip)
            + " in "
            + files;
    FailureEntry entry =
        new FailureEntry(
            item.lane(),
            item.attempt(),
            "conflict",
            "conflict in " + files,
            why + ".",
            "The patch was dropped and nothing of it landed; the lane is reopened and its lock"
                + " released. The rest of the queue went on.",
            Optional.empty(),
            "Run `lanes dispatch "
                + item.lane()
                + "`: the worker starts again from the tip of "
                + target
                + ", which holds the conflicting change, and gets this failure in its prompt.",
            applied.output(),
            ctx.clock().instant());
    return reopen(item, entry, "dropped: " + why, "", "conflict in " + files);
  }

  private LaneOutcome reopenGate(QueueItem item, LadderResult gates, String target) {
    GateOutcome bad = gates.firstFailure().orElseThrow();
    String why =
        "patch "
            + gateFailed(bad)
            + " on "
            + target
            + " with this patch applied: `"
            + bad.command()
            + "`";
    FailureEntry entry =
        failure(
            item,
            "gate",
            why,
            "The patch was dropped and nothing of it landed; the lane is reopened and its lock"
                + " released. The rest of the queue went on.",
            String.join("\n", bad.outputTail()),
            "Fix what the gate reports (its full log: "
                + ctx.root().relativize(bad.log().toAbsolutePath())
                + "), then run `lanes dispatch "
                + item.lane()
                + "`.");
    return reopen(
        item,
        entry,
        "dropped: " + why,
        String.join("\n", describe(gates)),
        "gate " + bad.gate().number() + " " + bad.status().word());
  }

  private void reopenWaveBreaker(
      Bisection.Breaker<Landed> b, LadderResult waveGates, int wave, List<LaneOutcome> outcomes) {
    GateOutcome bad = waveGates.firstFailure().orElseThrow();
    QueueItem item = b.item().item();
    String with =
        b.before().isEmpty()
            ? "on its own"
            : "on top of " + names(b.before()) + ", which pass together without it";
    String why =
        "wave "
            + gateFailed(bad)
            + " after wave "
            + waveName(wave)
            + ": `"
            + bad.command()
            + "`; bisection found that this lane's patch breaks it "
            + with;
    FailureEntry entry =
        failure(
            item,
            "gate",
            why,
            "The patch was dropped and nothing of it landed; the lane is reopened and its lock"
                + " released. The other lanes of the wave were gated again without it.",
            String.join("\n", bad.outputTail()),
            "Make the lane work together with the lanes that landed (see their integration"
                + " entries), then run `lanes dispatch "
                + item.lane()
                + "`.");
    outcomes.add(
        reopen(
            item,
            entry,
            "dropped: " + why,
            String.join("\n", describe(b.item().patchGates())),
            "wave gate " + bad.gate().number() + " " + bad.status().word()));
  }

  private FailureEntry failure(
      QueueItem item, String kind, String why, String impact, String tail, String remediation) {
    return new FailureEntry(
        item.lane(),
        item.attempt(),
        kind,
        kind + ": " + why,
        why + ".",
        impact,
        Optional.empty(),
        remediation,
        tail,
        ctx.clock().instant());
  }

  /** Board {@code reopened}, lock released, failure and integration entries: one store write. */
  private LaneOutcome reopen(
      QueueItem item, FailureEntry failure, String reason, String gates, String note) {
    say("  " + item.lane() + ": dropped and reopened: " + failure.failure());
    ctx.store()
        .update(
            snap -> {
              Plan plan = snap.plan();
              StoreUpdate<Integer> update =
                  StoreUpdate.of(0)
                      .appending(
                          failure,
                          new IntegrationEntry(
                              item.lane(),
                              item.attempt(),
                              IntegrationResult.DROPPED,
                              Optional.empty(),
                              gates,
                              reason,
                              ctx.clock().instant()));
              boolean stillHandedOff =
                  BoardRows.of(plan, item.lane())
                      .map(
                          r ->
                              r.status() == BoardStatus.HANDED_OFF && r.attempt() == item.attempt())
                      .orElse(false);
              if (stillHandedOff) {
                update =
                    update.withBoard(
                        BoardRows.set(
                            plan,
                            item.lane(),
                            BoardStatus.REOPENED,
                            OptionalInt.empty(),
                            item.attempt(),
                            Optional.empty(),
                            Optional.of(cell(note)),
                            ctx.clock().instant()));
                update = released(plan, item.lane()).map(update::withLocks).orElse(update);
              }
              return update;
            });
    crash.at("after-reopen:" + item.lane());
    return new LaneOutcome(item.lane(), item.attempt(), false, Optional.empty(), failure.failure());
  }

  /** A lane the target now holds, to be recorded. */
  private record Landing(QueueItem item, String commit, String gates, String reason) {}

  private LaneOutcome recordLanded(QueueItem item, String commit, String gates, String reason) {
    return recordLanded(List.of(new Landing(item, commit, gates, reason))).get(0);
  }

  /**
   * Board {@code integrated}, lock released and an integration entry for every lane landed, in one
   * store write: each write re-reads and re-parses PLAN.md and syncs it to disk, so one per lane
   * made recording cost more than landing.
   */
  private List<LaneOutcome> recordLanded(List<Landing> landings) {
    if (landings.isEmpty()) {
      return List.of();
    }
    ctx.store()
        .update(
            snap -> {
              Plan plan = snap.plan();
              List<dev.lanes.ledger.LedgerEntry> entries = new ArrayList<>();
              for (Landing l : landings) {
                QueueItem item = l.item();
                Optional<BoardRow> row = BoardRows.of(plan, item.lane());
                List<BoardRow> board =
                    BoardRows.set(
                        plan,
                        item.lane(),
                        BoardStatus.INTEGRATED,
                        OptionalInt.empty(),
                        row.map(BoardRow::attempt).orElse(item.attempt()),
                        Optional.empty(),
                        Optional.of("landed as " + brief(l.commit())),
                        ctx.clock().instant());
                plan = new Plan(plan.source(), plan.lanes(), plan.locks(), board);
                Optional<List<dev.lanes.plan.LockRow>> locks = released(plan, item.lane());
                if (locks.isPresent()) {
                  plan = new Plan(plan.source(), plan.lanes(), locks.get(), plan.board());
                }
                entries.add(
                    new IntegrationEntry(
                        item.lane(),
                        item.attempt(),
                        IntegrationResult.LANDED,
                        Optional.of(l.commit()),
                        l.gates(),
                        l.reason(),
                        ctx.clock().instant()));
              }
              return StoreUpdate.of(0)
                  .withBoard(plan.board())
                  .withLocks(plan.locks())
                  .appending(entries.toArray(dev.lanes.ledger.LedgerEntry[]::new));
            });
    List<LaneOutcome> outcomes = new ArrayList<>();
    for (Landing l : landings) {
      crash.at("after-ledger:" + l.item().lane());
      outcomes.add(
          new LaneOutcome(
              l.item().lane(),
              l.item().attempt(),
              true,
              Optional.of(l.commit()),
              "landed as " + brief(l.commit())));
    }
    return outcomes;
  }

  private static Optional<List<dev.lanes.plan.LockRow>> released(Plan plan, LaneId lane) {
    LockRegistry registry = new LockRegistry(plan.locks(), new LockScopes());
    return registry
        .ofLane(lane.value())
        .flatMap(row -> LockId.parse(row.lockId()))
        .map(registry::release)
        .flatMap(
            d -> d instanceof LockDecision.Granted g ? Optional.of(g.rows()) : Optional.empty());
  }

  /** {@code gate 2 (unit tests) failed with exit 1}: how every gate failure is named. */
  private static String gateFailed(GateOutcome bad) {
    return "gate " + bad.gate().number() + " (" + bad.gate().name() + ") " + failure(bad);
  }

  private WorkFailedException redTarget(
      String target, String tip, LadderResult result, String when) {
    GateOutcome bad = result.firstFailure().orElseThrow();
    List<String> tail = bad.outputTail();
    return new WorkFailedException(
        target
            + " is red "
            + when
            + ": "
            + result.stage().word()
            + " "
            + gateFailed(bad)
            + " on "
            + brief(tip)
            + ": `"
            + bad.command()
            + "`\n"
            + String.join("\n", tail.subList(Math.max(0, tail.size() - 10), tail.size()))
            + (tail.isEmpty() ? "" : "\n")
            + "Nothing was integrated and no lane was reopened. Fix "
            + target
            + " (log: "
            + ctx.root().relativize(bad.log().toAbsolutePath())
            + "), then run `lanes integrate` again.");
  }

  private WorkFailedException checkoutInTheWay(
      String target, String old, String next, MoveResult move, List<Landed> landed) {
    String where = move.checkout().map(p -> p.toString()).orElse("your checkout");
    return new WorkFailedException(
        "lanes did not move "
            + target
            + ": the checkout "
            + where
            + " has uncommitted or untracked changes to files the landed work changes; git says:\n"
            + move.gitOutput()
            + "\n"
            + target
            + " stays at "
            + brief(old)
            + " and your files are as they were. The gated result ("
            + names(landed)
            + ") is kept on branch "
            + StagingWorktree.BRANCH
            + " at "
            + brief(next)
            + ". Commit or stash those files, then run `lanes integrate` again.");
  }

  private String message(QueueItem item, LadderResult gates) {
    String subject =
        item.objective().isBlank() ? "lanes: integrate " + item.lane() : item.objective().strip();
    return subject
        + "\n\nLane: "
        + item.lane()
        + "\nAttempt: "
        + item.attempt()
        + "\nAgent: "
        + item.agent()
        + "\nGates: "
        + gates.trailer()
        + "\n";
  }

  private static String landedReason(Landed l) {
    return "landed as "
        + l.commit()
        + " ("
        + l.files().size()
        + (l.files().size() == 1 ? " file" : " files")
        + ")";
  }

  private static String gatesText(Landed l) {
    return String.join("\n", l.notes());
  }

  /** One line per gate outcome, e.g. {@code patch gate 1 (unit): pass in 0.1s, exit 0: `true`}. */
  static List<String> describe(LadderResult result) {
    List<String> lines = new ArrayList<>();
    for (GateOutcome o : result.outcomes()) {
      lines.add(
          result.stage().word()
              + " gate "
              + o.gate().number()
              + " ("
              + o.gate().name()
              + "): "
              + o.status().word()
              + (o.status() == GateStatus.SKIPPED
                  ? " (a placeholder had no value)"
                  : " in " + seconds(o) + ", exit " + o.exitCode())
              + ": `"
              + o.command()
              + "`");
    }
    if (lines.isEmpty()) {
      lines.add(result.stage().word() + " gates: none");
    }
    return lines;
  }

  private static String seconds(GateOutcome o) {
    long tenths = (o.duration().toMillis() + 50) / 100;
    return String.format(Locale.ROOT, "%d.%ds", tenths / 10, tenths % 10);
  }

  private static String failure(GateOutcome o) {
    return o.status() == GateStatus.TIMED_OUT
        ? "timed out after " + seconds(o)
        : "failed with exit " + o.exitCode();
  }

  /**
   * A lane the Board calls handed off but the ledger does not: nothing is applied or written for it
   * (the ledger holds nothing to reopen), and the run says how to set the row right.
   */
  private LaneOutcome refuseUnbacked(QueueItem item) {
    String why =
        item.lane()
            + " is not landed: the Board says attempt "
            + item.attempt()
            + " is handed off, but "
            + item.standing().unbacked().orElseThrow()
            + ", and a Board row alone never makes a lane landable. If lanes did not write that"
            + " row, set its status back to `planned` in PLAN.md's Board, then run `lanes dispatch "
            + item.lane()
            + "`.";
    say(why);
    return new LaneOutcome(item.lane(), item.attempt(), false, Optional.empty(), why);
  }

  private static byte[] read(Path patch) {
    try {
      return Files.readAllBytes(patch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the patch " + patch, e);
    }
  }

  private Optional<Path> patchOf(QueueItem item) {
    if (Files.isRegularFile(item.patch())) {
      return Optional.of(item.patch());
    }
    if (item.base().isEmpty() || item.capturedCommit().isEmpty()) {
      return Optional.empty();
    }
    // The run folder was cleaned, but the captured commit is still in the repository.
    try {
      byte[] diff =
          new PatchCapture(ctx.git())
              .diff(ctx.root(), item.base().get(), item.capturedCommit().get());
      Files.createDirectories(item.patch().getParent());
      Files.write(item.patch(), diff);
      return Optional.of(item.patch());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + item.patch(), e);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private List<QueueItem> queue() {
    return IntegrationQueue.of(
        ctx.store().read(),
        ctx.policy(),
        ctx.root(),
        ctx.store().ledger(),
        () -> split(ctx.git().run(ctx.root(), "ls-files", "-z")));
  }

  /** The files a patch touches, both sides of a rename, as {@code git apply --numstat} reads it. */
  private List<String> patchFiles(Path patch) {
    return patchFiles(read(patch));
  }

  /** As {@link #patchFiles(Path)}, of bytes already read. */
  private List<String> patchFiles(byte[] patch) {
    String out =
        ctx.git()
            .execute(
                new CliCall(ctx.root(), List.of("apply", "--numstat", "-z"), Map.of()),
                Optional.of(patch))
            .stdoutText();
    List<String> files = new ArrayList<>();
    String[] fields = out.split("\0", -1);
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (f.isEmpty()) {
        continue;
      }
      String[] cols = f.split("\t", 3);
      if (cols.length == 3 && cols[2].isEmpty() && i + 2 < fields.length) {
        files.add(fields[++i]);
        files.add(fields[++i]);
      } else if (cols.length == 3) {
        files.add(cols[2]);
      }
    }
    return List.copyOf(files);
  }

  private String tipOf(String target) {
    return staging
        .tip(target)
        .orElseThrow(
            () ->
                BadInputException.usage(
                    "there is no branch `"
                        + target
                        + "` to integrate onto; set `target:` under ## Integration in AGENTS.md"));
  }

  private GitIdentity identity() {
    if (identity == null) {
      identity = GitIdentity.resolve(ctx.git(), ctx.root());
    }
    return identity;
  }

  private void say(String line) {
    ctx.progress().accept(line);
  }

  private static List<String> split(String nulSeparated) {
    List<String> out = new ArrayList<>();
    for (String s : nulSeparated.split("\0")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static String names(List<Landed> landed) {
    return String.join(", ", landed.stream().map(l -> l.item().lane().value()).toList());
  }

  private static String waveName(int wave) {
    return wave == Integer.MAX_VALUE ? "(unscheduled)" : Integer.toString(wave);
  }

  private static String brief(String commit) {
    return commit.length() > 10 ? commit.substring(0, 10) : commit;
  }

  private static String cell(String note) {
    String plain = note.replace("`", "").replace("|", "/").replace("\n", " ");
    return plain.length() > 120 ? plain.substring(0, 117) + "..." : plain;
  }
}
