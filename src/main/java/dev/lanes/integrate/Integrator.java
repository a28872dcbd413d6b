package dev.lanes.integrate;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toList;

import dev.lanes.dispatch.LeftWorker;
import dev.lanes.error.BadInputException;
import dev.lanes.error.WorkFailedException;
import dev.lanes.gates.GateContext;
import dev.lanes.gates.GateLadder;
import dev.lanes.gates.GateOutcome;
import dev.lanes.gates.GateStatus;
import dev.lanes.gates.LadderResult;
import dev.lanes.ledger.FailureEntry;
import dev.lanes.ledger.IntegrationEntry;
import dev.lanes.ledger.IntegrationResult;
import dev.lanes.ledger.LedgerEntry;
import dev.lanes.lock.LockDecision;
import dev.lanes.lock.LockId;
import dev.lanes.lock.LockRegistry;
import dev.lanes.lock.LockScopes;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardRows;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Plan;
import dev.lanes.policy.GateStage;
import dev.lanes.policy.Policy;
import dev.lanes.port.ApplyOutcome;
import dev.lanes.port.MoveResult;
import dev.lanes.port.Staging;
import dev.lanes.port.StoreUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The integrate use case: lands the handed-off lanes one patch at a time on a staging branch,
 * through the patch and wave gates, and moves the target branch only to a fully gated commit. A run
 * is a list of named steps, each saying what it did (see the package description for the steps,
 * their idempotency and the crash hook); every git call goes through {@link Staging}.
 */
public final class Integrator {
  /** How often the target may move under a run before it gives up. */
  static final int MAX_ROUNDS = 3;

  // What a failure entry says happened to a lane's patch when the lane is reopened.
  private static final String DROPPED =
      "The patch was dropped and nothing of it landed; the lane is reopened and its lock released.";
  private static final String NOT_APPLIED =
      "The patch was not applied and nothing of it landed; the lane is reopened and its lock"
          + " released.";

  private final IntegrateContext ctx;
  private final Staging staging;
  private final GateLadder ladder;
  private final CrashHook crash;

  public Integrator(IntegrateContext ctx) {
    this.ctx = ctx;
    this.staging = ctx.staging();
    this.ladder = new GateLadder(ctx.runner(), ctx.policy().retries(), ctx.gateCache());
    this.crash = new CrashHook(Optional.ofNullable(ctx.environment().get(CrashHook.VARIABLE)));
  }

  /** What a run would do now, reading only: the queue, each patch's files, the gates. */
  public IntegratePreview preview(String target) {
    String tip = tipOf(target);
    List<QueueItem> queue = queue();
    if (!queue.isEmpty()) {
      requireCommittedGates(target, tip);
    }
    Map<QueueItem, List<String>> files = new LinkedHashMap<>();
    for (QueueItem item : queue) {
      files.put(
          item,
          Files.isRegularFile(item.patch()) ? staging.patchFiles(read(item.patch())) : List.of());
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
      List<LaneOutcome> outcomes = new ArrayList<>();
      Set<LaneId> refused = new HashSet<>();
      String from = tipOf(target);
      for (int round = 1; round <= MAX_ROUNDS; round++) {
        Optional<IntegrateReport> done = round(target, round, from, outcomes, refused);
        if (done.isPresent()) {
          return done.get();
        }
      }
    } finally {
      lock.close();
    }
    throw new WorkFailedException(
        """
            %s moved %d times while lanes integrated, so nothing was landed; the lanes stay \
            handed off. Run `lanes integrate` again when %s is quiet."""
            .formatted(target, MAX_ROUNDS, target));
  }

  /**
   * One round on the target's tip now: the steps from reading the queue to moving the target; the
   * report, or empty when the target moved meanwhile and the round must be run again.
   */
  private Optional<IntegrateReport> round(
      String target, int round, String from, List<LaneOutcome> outcomes, Set<LaneId> refused) {
    String old = tipOf(target);
    List<QueueItem> todo = pending(target, old, outcomes, refused);
    if (todo.isEmpty()) {
      if (outcomes.isEmpty()) {
        say("Nothing to integrate: no lane is handed off.");
      }
      return Optional.of(report(target, from, old, outcomes));
    }
    requireCommittedGates(target, old);
    resetStaging(target, old, todo.size());
    gateBase(target, old);
    List<Landed> landed = landWaves(todo, outcomes, target);
    if (landed.isEmpty()) {
      return Optional.of(report(target, from, old, outcomes));
    }
    String next = staging.head();
    MoveResult move = staging.moveTarget(target, old, next);
    switch (move.outcome()) {
      case MOVED -> {
        crash.at("after-move");
        say("Moved " + target + " from " + brief(old) + " to " + brief(next));
        outcomes.addAll(recordLanded(landed.stream().map(Integrator::landing).toList()));
        return Optional.of(report(target, from, next, outcomes));
      }
      case TARGET_MOVED -> {
        String again = "rebuilding staging on its new tip (round %d of at most %d)";
        say(target + " moved while lanes integrated; " + again.formatted(round + 1, MAX_ROUNDS));
        return Optional.empty();
      }
      case CHECKOUT_IN_THE_WAY -> throw checkoutInTheWay(target, old, next, move, landed);
      default -> throw new IllegalStateException("unknown move outcome " + move.outcome());
    }
  }

  private static IntegrateReport report(
      String target, String from, String to, List<LaneOutcome> outcomes) {
    return new IntegrateReport(target, Optional.of(from), Optional.of(to), outcomes);
  }

  /**
   * Step: read the queue. Ends workers a killed lanes left running, refuses rows the ledger does
   * not back (once per run), and records lanes an earlier run landed on {@code tip} but was stopped
   * before writing the ledger; the rest is what this round lands.
   */
  private List<QueueItem> pending(
      String target, String tip, List<LaneOutcome> outcomes, Set<LaneId> refused) {
    List<QueueItem> queued = queue();
    // A handed-off lane's worker is over, unless a killed lanes left it running: end it before
    // its patch and branch are read.
    LeftWorker.end(ctx.root(), queued.stream().map(QueueItem::lane).toList()).forEach(this::say);
    // One `git log` per distinct base, not one per queue item.
    Map<Optional<String>, Map<String, String>> landedByBase = new HashMap<>();
    List<QueueItem> todo = new ArrayList<>();
    for (QueueItem item : queued) {
      if (item.standing().unbacked().isPresent()) {
        if (refused.add(item.lane())) {
          outcomes.add(refuseUnbacked(item));
        }
        continue;
      }
      Optional<String> done =
          Optional.ofNullable(
              landedByBase
                  .computeIfAbsent(item.base(), base -> staging.landedCommits(tip, base))
                  .get(Staging.landedKey(item.lane().value(), item.attempt())));
      if (done.isPresent()) {
        say(item.lane() + " is already on " + target + " as " + brief(done.get()));
        String found = "found on %s as %s, landed by an earlier run".formatted(target, done.get());
        Landing l =
            new Landing(item, done.get(), "(recorded in the commit's Gates trailer)", found);
        outcomes.addAll(recordLanded(List.of(l)));
      } else {
        todo.add(item);
      }
    }
    return todo;
  }

  /** Step: the gates run are the target's committed ones: the checkout's AGENTS.md must agree. */
  private void requireCommittedGates(String target, String tip) {
    CommittedGates.require(staging.committedFile(tip, Policy.FILE), target, ctx.policy());
  }

  /** Step: reset staging, branch and files, to the target's tip. */
  private void resetStaging(String target, String tip, int lanes) {
    say(
        "Integrating %d %s onto %s at %s in %s"
            .formatted(lanes, lanes == 1 ? "lane" : "lanes", target, brief(tip), Staging.DIR));
    staging.resetTo(tip);
    crash.at("after-staging");
  }

  /** Step: the patch gates on the target's tip; a red target stops the run with nobody blamed. */
  private void gateBase(String target, String tip) {
    LadderResult base = gate(GateStage.PATCH, "", List.of(), "base");
    if (!base.passed()) {
      throw redTarget(target, tip, base, "before any lane lands");
    }
    say("  " + target + " at " + brief(tip) + " passes the patch gates (" + base.trailer() + ")");
    crash.at("after-base-gates");
  }

  /** Step: each wave in order, its lanes landed one by one and then gated together. */
  private List<Landed> landWaves(List<QueueItem> todo, List<LaneOutcome> outcomes, String target) {
    Map<Integer, List<QueueItem>> waves =
        todo.stream().collect(groupingBy(QueueItem::wave, LinkedHashMap::new, toList()));
    List<Landed> all = new ArrayList<>();
    waves.forEach((wave, items) -> all.addAll(landWave(wave, items, outcomes, target)));
    return all;
  }

  /**
   * Lands a wave's lanes, then runs the wave gates on the result; when they fail, bisects for the
   * lanes that break them, reopens those, lands the rest again and gates the wave again.
   */
  private List<Landed> landWave(
      int wave, List<QueueItem> items, List<LaneOutcome> outcomes, String target) {
    String waveStart = staging.head();
    String name = "wave-" + waveName(wave);
    List<Landed> landed = landEach(items, outcomes, target);
    for (int round = 0; !landed.isEmpty(); round++) {
      LadderResult gates = gate(GateStage.WAVE, "", staging.filesBetween(waveStart, "HEAD"), name);
      if (gates.passed()) {
        say("  wave " + waveName(wave) + " passes the wave gates (" + gates.trailer() + ")");
        List<String> notes = new ArrayList<>(describe(gates));
        gates.flaky().forEach(f -> notes.add("wave " + f));
        landed = landed.stream().map(l -> l.plus(notes)).toList();
        break;
      }
      if (round > items.size()) {
        throw new WorkFailedException(
            """
            the wave gates of wave %s keep failing after every breaker was taken out (a flaky \
            gate? set `retries: N` under ## Integration); nothing was landed"""
                .formatted(waveName(wave)));
      }
      landed = withoutBreakers(wave, waveStart, landed, gates, outcomes, target);
    }
    crash.at("after-wave-gates:" + waveName(wave));
    crash.at("after-wave-gates");
    return landed;
  }

  /**
   * Bisects a failing wave over its landed lanes, reopens the breakers and lands the others again
   * from the wave's start; what landed then.
   */
  private List<Landed> withoutBreakers(
      int wave,
      String waveStart,
      List<Landed> landed,
      LadderResult failed,
      List<LaneOutcome> outcomes,
      String target) {
    say("  wave gates failed; bisecting over " + names(landed));
    String name = "wave-" + waveName(wave) + "-bisect";
    if (!probe(waveStart, List.of(), name)) {
      throw redTarget(target, waveStart, failed, "without any lane of wave " + waveName(wave));
    }
    Bisection<Landed> found = WaveBisector.bisect(landed, subset -> probe(waveStart, subset, name));
    for (Bisection.Breaker<Landed> b : found.breakers()) {
      outcomes.add(reopenWaveBreaker(b, failed, wave));
    }
    staging.rewind(waveStart);
    return landEach(found.kept().stream().map(Landed::item).toList(), outcomes, target);
  }

  /** Whether the wave gates pass on the wave's start with {@code subset}'s patches applied. */
  private boolean probe(String waveStart, List<Landed> subset, String name) {
    staging.rewind(waveStart);
    for (Landed l : subset) {
      if (!staging.apply(l.patch()).clean()) {
        return false;
      }
    }
    boolean passed = gate(GateStage.WAVE, "", staging.stagedFiles(), name).passed();
    staging.rewind(waveStart);
    return passed;
  }

  /** Lands each lane in order on staging; the lanes that did not land are reopened. */
  private List<Landed> landEach(List<QueueItem> items, List<LaneOutcome> outcomes, String target) {
    List<Landed> landed = new ArrayList<>();
    for (QueueItem item : items) {
      land(item, outcomes, target).ifPresent(landed::add);
    }
    return landed;
  }

  /**
   * One lane's steps: check its patch, apply it, run the patch gates, commit; a lane that fails a
   * step is reopened, with staging back at its last commit.
   */
  private Optional<Landed> land(QueueItem item, List<LaneOutcome> outcomes, String target) {
    String lane = item.lane().value();
    Optional<CheckedPatch> checked = checkedPatch(item, outcomes);
    if (checked.isEmpty()) {
      return Optional.empty();
    }
    byte[] patch = checked.get().bytes();
    ApplyOutcome applied = staging.apply(patch);
    if (!applied.clean()) {
      staging.discard();
      // Discarding kept HEAD: it is the tip the patch did not apply to.
      outcomes.add(reopenConflict(item, applied, target, staging.head()));
      return Optional.empty();
    }
    crash.at("after-apply:" + lane);
    // {files} are the paths the patch touches, as checked against the lane's scope.
    List<String> files = checked.get().files();
    LadderResult gates = gate(GateStage.PATCH, lane, files, lane + "." + item.attempt());
    if (!gates.passed()) {
      staging.discard();
      outcomes.add(reopenGate(item, gates, target));
      return Optional.empty();
    }
    crash.at("after-patch-gates:" + lane);
    String commit = staging.commit(message(item, gates));
    crash.at("after-commit:" + lane);
    say("  " + lane + ": applied and gated (" + gates.trailer() + "), " + brief(commit));
    List<String> notes = new ArrayList<>(describe(gates));
    gates.flaky().forEach(f -> notes.add("patch " + f));
    return Optional.of(new Landed(item, patch, commit, files, gates, notes));
  }

  /**
   * The lane's stored patch, once its bytes give the digest its handoff recorded and its files lie
   * in its scope ({@link PatchCheck}); these bytes are all that is applied, never the file again,
   * which a worker could write between the check and the apply. Empty, with the lane reopened, when
   * the patch is gone or fails the check.
   */
  /** A stored patch that passed its check, with the files it touches (git's reading of it). */
  private record CheckedPatch(byte[] bytes, List<String> files) {}

  private Optional<CheckedPatch> checkedPatch(QueueItem item, List<LaneOutcome> outcomes) {
    Optional<byte[]> stored = storedPatch(item);
    if (stored.isEmpty()) {
      String why = "its patch " + ctx.root().relativize(item.patch()) + " is gone";
      outcomes.add(
          reopen(
              item,
              failure(item, "patch-missing", why, why, "", "Dispatch the lane again."),
              why,
              "",
              "patch missing"));
      return Optional.empty();
    }
    byte[] bytes = stored.get();
    List<String> files = staging.patchFiles(bytes);
    Optional<PatchCheck.Refusal> refusal = PatchCheck.check(item, bytes, files);
    if (refusal.isPresent()) {
      PatchCheck.Refusal r = refusal.get();
      outcomes.add(
          reopen(
              item,
              failure(
                  item,
                  r.kind(),
                  r.why(),
                  NOT_APPLIED + " The rest of the queue went on.",
                  r.evidence(),
                  r.remediation()),
              "dropped: " + r.why(),
              "",
              r.note()));
      return Optional.empty();
    }
    return Optional.of(new CheckedPatch(bytes, files));
  }

  /** Runs a stage's gates on staging's index tree (the ladder retries and caches by tree). */
  private LadderResult gate(GateStage stage, String lane, List<String> files, String logName) {
    return ladder.run(
        ctx.policy().gates(stage),
        stage,
        staging.dir(),
        ctx.environment(),
        new GateContext(lane, files),
        ctx.logDir().resolve(logName),
        staging.tree());
  }

  private LaneOutcome reopenConflict(
      QueueItem item, ApplyOutcome applied, String target, String tip) {
    String files =
        applied.conflictingFiles().isEmpty()
            ? "(git named no file)"
            : String.join(", ", applied.conflictingFiles());
    String why =
        "the patch of attempt %d%s conflicts with %s at %s in %s"
            .formatted(
                item.attempt(),
                item.base().map(b -> " (made on " + brief(b) + ")").orElse(""),
                target,
                brief(tip),
                files);
    FailureEntry entry =
        new FailureEntry(
            item.lane(),
            item.attempt(),
            "conflict",
            "conflict in " + files,
            why + ".",
            DROPPED + " The rest of the queue went on.",
            Optional.empty(),
            """
                Run `lanes dispatch %s`: the worker starts again from the tip of %s, which holds \
                the conflicting change, and gets this failure in its prompt."""
                .formatted(item.lane(), target),
            applied.output(),
            ctx.clock().instant());
    return reopen(item, entry, "dropped: " + why, "", "conflict in " + files);
  }

  private LaneOutcome reopenGate(QueueItem item, LadderResult gates, String target) {
    GateOutcome bad = gates.firstFailure().orElseThrow();
    String why =
        "patch %s on %s with this patch applied: `%s`"
            .formatted(gateFailed(bad), target, bad.command());
    FailureEntry entry =
        failure(
            item,
            "gate",
            why,
            DROPPED + " The rest of the queue went on.",
            String.join("\n", bad.outputTail()),
            "Fix what the gate reports (its full log: %s), then run `lanes dispatch %s`."
                .formatted(ctx.root().relativize(bad.log().toAbsolutePath()), item.lane()));
    return reopen(
        item,
        entry,
        "dropped: " + why,
        String.join("\n", describe(gates)),
        "gate " + bad.gate().number() + " " + bad.status().word());
  }

  private LaneOutcome reopenWaveBreaker(
      Bisection.Breaker<Landed> b, LadderResult waveGates, int wave) {
    GateOutcome bad = waveGates.firstFailure().orElseThrow();
    QueueItem item = b.item().item();
    String with =
        b.before().isEmpty()
            ? "on its own"
            : "on top of " + names(b.before()) + ", which pass together without it";
    String why =
        "wave %s after wave %s: `%s`; bisection found that this lane's patch breaks it %s"
            .formatted(gateFailed(bad), waveName(wave), bad.command(), with);
    FailureEntry entry =
        failure(
            item,
            "gate",
            why,
            DROPPED + " The other lanes of the wave were gated again without it.",
            String.join("\n", bad.outputTail()),
            """
                Make the lane work together with the lanes that landed (see their integration \
                entries), then run `lanes dispatch %s`."""
                .formatted(item.lane()));
    return reopen(
        item,
        entry,
        "dropped: " + why,
        String.join("\n", describe(b.item().patchGates())),
        "wave gate " + bad.gate().number() + " " + bad.status().word());
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
    IntegrationEntry dropped =
        new IntegrationEntry(
            item.lane(),
            item.attempt(),
            IntegrationResult.DROPPED,
            Optional.empty(),
            gates,
            reason,
            ctx.clock().instant());
    ctx.store()
        .update(
            snap -> {
              Plan plan = snap.plan();
              boolean stillHandedOff =
                  BoardRows.of(plan, item.lane())
                      .map(
                          r ->
                              r.status() == BoardStatus.HANDED_OFF && r.attempt() == item.attempt())
                      .orElse(false);
              StoreUpdate<Integer> update = StoreUpdate.of(0).appending(failure, dropped);
              if (!stillHandedOff) {
                return update; // someone changed the row meanwhile: it is theirs now
              }
              plan =
                  closed(
                      plan,
                      item.lane(),
                      BoardStatus.REOPENED,
                      item.attempt(),
                      BoardRows.note(note));
              return update.withBoard(plan.board()).withLocks(plan.locks());
            });
    crash.at("after-reopen:" + item.lane());
    return new LaneOutcome(item.lane(), item.attempt(), false, Optional.empty(), failure.failure());
  }

  /** A lane the target now holds, to be recorded. */
  private record Landing(QueueItem item, String commit, String gates, String reason) {}

  private static Landing landing(Landed l) {
    return new Landing(l.item(), l.commit(), String.join("\n", l.notes()), landedReason(l));
  }

  /**
   * Step: record. Board {@code integrated}, lock released and an integration entry for every lane
   * landed, in one store write.
   */
  private List<LaneOutcome> recordLanded(List<Landing> landings) {
    ctx.store()
        .update(
            snap -> {
              Plan plan = snap.plan();
              List<LedgerEntry> entries = new ArrayList<>();
              for (Landing l : landings) {
                LaneId lane = l.item().lane();
                int attempt =
                    BoardRows.of(plan, lane).map(BoardRow::attempt).orElse(l.item().attempt());
                plan =
                    closed(
                        plan,
                        lane,
                        BoardStatus.INTEGRATED,
                        attempt,
                        "landed as " + brief(l.commit()));
                entries.add(
                    new IntegrationEntry(
                        lane,
                        l.item().attempt(),
                        IntegrationResult.LANDED,
                        Optional.of(l.commit()),
                        l.gates(),
                        l.reason(),
                        ctx.clock().instant()));
              }
              return StoreUpdate.of(0)
                  .withBoard(plan.board())
                  .withLocks(plan.locks())
                  .appending(entries.toArray(LedgerEntry[]::new));
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

  /** {@code plan} with the lane's Board row set to {@code status} and its lock released. */
  private Plan closed(Plan plan, LaneId lane, BoardStatus status, int attempt, String note) {
    List<BoardRow> board =
        BoardRows.set(
            plan,
            lane,
            status,
            OptionalInt.empty(),
            attempt,
            Optional.empty(),
            Optional.of(note),
            ctx.clock().instant());
    LockRegistry registry = new LockRegistry(plan.locks(), new LockScopes());
    List<LockRow> locks =
        registry
            .ofLane(lane.value())
            .flatMap(row -> LockId.parse(row.lockId()))
            .map(registry::release)
            .flatMap(
                d -> d instanceof LockDecision.Granted g ? Optional.of(g.rows()) : Optional.empty())
            .orElse(plan.locks());
    return new Plan(plan.source(), plan.lanes(), locks, board);
  }

  /** {@code gate 2 (unit tests) failed with exit 1}: how every gate failure is named. */
  private static String gateFailed(GateOutcome bad) {
    return "gate " + bad.gate().number() + " (" + bad.gate().name() + ") " + bad.failure();
  }

  private WorkFailedException redTarget(
      String target, String tip, LadderResult result, String when) {
    GateOutcome bad = result.firstFailure().orElseThrow();
    List<String> tail = bad.outputTail();
    String lastLines =
        tail.subList(Math.max(0, tail.size() - 10), tail.size()).stream()
            .map(l -> l + "\n")
            .collect(joining());
    return new WorkFailedException(
        """
            %s is red %s: %s %s on %s: `%s`
            %sNothing was integrated and no lane was reopened. Fix %s (log: %s), then run \
            `lanes integrate` again."""
            .formatted(
                target,
                when,
                result.stage().word(),
                gateFailed(bad),
                brief(tip),
                bad.command(),
                lastLines,
                target,
                ctx.root().relativize(bad.log().toAbsolutePath())));
  }

  private WorkFailedException checkoutInTheWay(
      String target, String old, String next, MoveResult move, List<Landed> landed) {
    String where = move.checkout().map(p -> p.toString()).orElse("your checkout");
    return new WorkFailedException(
        """
            lanes did not move %s: the checkout %s has uncommitted or untracked changes to files \
            the landed work changes; git says:
            %s
            %s stays at %s and your files are as they were. The gated result (%s) is kept on \
            branch %s at %s. Commit or stash those files, then run `lanes integrate` again."""
            .formatted(
                target,
                where,
                move.gitOutput(),
                target,
                brief(old),
                names(landed),
                Staging.BRANCH,
                brief(next)));
  }

  private String message(QueueItem item, LadderResult gates) {
    String subject =
        item.objective().isBlank() ? "lanes: integrate " + item.lane() : item.objective().strip();
    return "%s\n\nLane: %s\nAttempt: %d\nAgent: %s\nGates: %s\n"
        .formatted(subject, item.lane(), item.attempt(), item.agent(), gates.trailer());
  }

  private static String landedReason(Landed l) {
    int n = l.files().size();
    return "landed as %s (%d %s)".formatted(l.commit(), n, n == 1 ? "file" : "files");
  }

  /** One line per gate outcome, e.g. {@code patch gate 1 (unit): pass in 0.1s, exit 0: `true`}. */
  static List<String> describe(LadderResult result) {
    List<String> lines = new ArrayList<>();
    for (GateOutcome o : result.outcomes()) {
      String how =
          o.status() == GateStatus.SKIPPED
              ? " (a placeholder had no value)"
              : " in " + o.seconds() + ", exit " + o.exitCode();
      lines.add(
          "%s gate %d (%s): %s%s: `%s`"
              .formatted(
                  result.stage().word(),
                  o.gate().number(),
                  o.gate().name(),
                  o.status().word(),
                  how,
                  o.command()));
    }
    if (lines.isEmpty()) {
      lines.add(result.stage().word() + " gates: none");
    }
    return lines;
  }

  /**
   * A lane the Board calls handed off but the ledger does not: nothing is applied or written for it
   * (the ledger holds nothing to reopen), and the run says how to set the row right.
   */
  private LaneOutcome refuseUnbacked(QueueItem item) {
    String why =
        """
            %s is not landed: the Board says attempt %d is handed off, but %s, and a Board row \
            alone never makes a lane landable. If lanes did not write that row, set its status \
            back to `planned` in PLAN.md's Board, then run `lanes dispatch %s`."""
            .formatted(
                item.lane(), item.attempt(), item.standing().unbacked().orElseThrow(), item.lane());
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

  /** The lane's stored patch; made again from its captured commit when the file is gone. */
  private Optional<byte[]> storedPatch(QueueItem item) {
    if (Files.isRegularFile(item.patch())) {
      return Optional.of(read(item.patch()));
    }
    if (item.base().isEmpty() || item.capturedCommit().isEmpty()) {
      return Optional.empty();
    }
    // The run folder was cleaned, but the captured commit is still in the repository.
    byte[] diff;
    try {
      diff = staging.patchOf(item.base().get(), item.capturedCommit().get());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    try {
      Files.createDirectories(item.patch().getParent());
      Files.write(item.patch(), diff);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + item.patch(), e);
    }
    return Optional.of(diff);
  }

  private List<QueueItem> queue() {
    return IntegrationQueue.of(
        ctx.store().read(), ctx.policy(), ctx.root(), ctx.store().ledger(), staging::trackedFiles);
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

  private void say(String line) {
    ctx.progress().accept(line);
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
}
