package dev.lanes.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.crash.MarkedProcesses.Proc;
import dev.lanes.markdown.PlanReader;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIGKILL test. A person drives a four-lane repository ({@link StoryRepo}) to the end
 * with the commands they would type, {@code lanes dispatch}, {@code lanes resume <lane>} and {@code
 * lanes integrate}, each the packaged jar in its own process, while the test SIGKILLs that process
 * (the java process alone, not its group: that is what a crash is) at random moments: 200 kills in
 * all, spread over sequences of 8 on fresh copies of the repository, about a third in each command.
 * After every kill, and after every command that ends by itself, the promises are checked:
 *
 * <ul>
 *   <li>PLAN.md is there, parses, and keeps every byte outside its Locks and Board tables;
 *   <li>no lane lands twice (and at the end, every lane has landed exactly once);
 *   <li>every commit the target moved through passes its gates;
 *   <li>no process of a killed command outlives the next command on its lane: its workers die with
 *       it, or the next command that touches the lane ends them; nothing else it started (git, a
 *       gate) is left either, and at the end nothing of the sequence runs;
 *   <li>two attempts of one lane never run at once (the agents themselves watch for that);
 *   <li>the commands keep working (exit 0 or 1, never an internal error), and the story ends with
 *       every lane integrated and no lock left;
 *   <li>beyond the list: ledger/ holds whole entries, numbered in order, and records each
 *       landing once; the person's checkout follows the target; .lanes/ stays out of the person's
 *       git status.
 * </ul>
 *
 * <p>At the end it prints the kills by command and by phase (what the killed command had running: a
 * worker, a gate, git, or only its own JVM; and whether it had written PLAN.md or the ledger, or
 * moved the target), and for each promise after how many kills of each command it was broken.
 *
 * <p>{@code -Dkill.seed=N} repeats a run's random choices (the kill moments are fractions of each
 * command's mean run time, measured as the run goes, so they follow the machine's speed), {@code
 * -Dkill.count=N} sets the number of kills, {@code -Dkill.perSequence=N} the kills per sequence,
 * {@code -Dkill.verbose=true} prints each command and kill. Runs after {@code package}.
 */
class RandomKillIT {
  /** The packaged jar; {@code -Dkill.jar=PATH} tries another build against the same test. */
  private static final Path JAR =
      Path.of(System.getProperty("kill.jar", "target/lanes.jar")).toAbsolutePath();

  private static final int KILLS = Integer.getInteger("kill.count", 200);
  private static final int KILLS_PER_SEQUENCE = Integer.getInteger("kill.perSequence", 8);

  /** {@code -Dkill.verbose=true} prints every command and kill as it happens. */
  private static final boolean VERBOSE = Boolean.getBoolean("kill.verbose");

  /** How long processes get to end by themselves before they count as left behind. */
  private static final long GRACE_MILLIS = Long.getLong("kill.graceMillis", 5000);

  /** A story of 7 commands that has not ended after this many is stuck. */
  private static final int MAX_COMMANDS = 60;

  private static final String PLAN_PROMISE =
      "PLAN.md parses and keeps every byte outside its tables";
  private static final String ONCE_PROMISE = "every lane lands exactly once";
  private static final String GATES_PROMISE =
      "every commit the target moved through passes its gates";
  private static final String PROCESS_PROMISE =
      "no process of a killed command outlives the next command on its lane";
  private static final String OVERLAP_PROMISE = "two attempts of one lane never run at once";
  private static final String WORKING_PROMISE = "the commands keep working and the story ends";
  private static final String LEDGER_PROMISE =
      "ledger/ holds whole entries and records each landing once";
  private static final String CHECKOUT_PROMISE = "the person's checkout follows the target";
  private static final String HIDDEN_PROMISE = ".lanes/ stays out of the person's git status";
  private static final List<String> PROMISES =
      List.of(
          PLAN_PROMISE,
          ONCE_PROMISE,
          GATES_PROMISE,
          PROCESS_PROMISE,
          OVERLAP_PROMISE,
          WORKING_PROMISE,
          LEDGER_PROMISE,
          CHECKOUT_PROMISE,
          HIDDEN_PROMISE);

  @TempDir static Path tmp;

  @Test
  void killedAtRandomMomentsLanesKeepsItsPromisesAndTheStoryEnds() throws Exception {
    long seed = Long.getLong("kill.seed", new Random().nextLong());
    System.out.println("RandomKillIT: seed " + seed + " (-Dkill.seed=" + seed + " repeats it)");
    long started = System.nanoTime();
    StoryRepo prepared = StoryRepo.prepare(tmp.resolve("prepared"));
    Tally tally = new Tally();
    Random random = new Random(seed);

    // The story once untouched: it keeps every promise too, and times the commands, so that the
    // kills can be spread over each command's whole run.
    Sequence untouched = new Sequence(0, prepared, random.nextLong(), 0, tally, List.of());
    untouched.run();
    assertThat(untouched.commands)
        .as("the untouched story\n" + tally.report(started))
        .containsExactly(
            "dispatch",
            "resume L-2",
            "integrate",
            "dispatch",
            "integrate",
            "dispatch",
            "integrate");

    List<String> flags = classArchive(untouched.dir);
    int sequences = 0;
    int idle = 0;
    while (tally.kills.size() < KILLS && idle < 3) {
      int budget = Math.min(KILLS_PER_SEQUENCE, KILLS - tally.kills.size());
      int before = tally.kills.size();
      new Sequence(++sequences, prepared, random.nextLong(), budget, tally, flags).run();
      idle = tally.kills.size() == before ? idle + 1 : 0;
    }
    String report = tally.report(started);
    System.out.print(report);
    assertThat(tally.kills).as(report).hasSize(KILLS);
    assertThat(tally.violations).as(report).isEmpty();
  }

  // -----------------------------------------------------------------------------------------------
  // One sequence: a copy of the repository driven to the end, with up to `budget` kills.

  private static final class Sequence {
    final int number;
    final long seed;
    final Random random;
    final Tally tally;
    final List<String> flags;
    final List<String> commands = new ArrayList<>();
    final Path dir;
    final Path root;
    final Path home;
    final Invariants invariants;
    final MarkedProcesses processes;
    int budget;
    Kill lastKill;
    boolean lastWasKilled;

    /**
     * What each kill left running, by attempt (a worker's children started after the kill belong to
     * it too) and by process group: so that a process found later is laid at the right door.
     */
    final Map<String, Kill> leftBy = new HashMap<>();

    /** Violations already recorded in this sequence, so that a lasting state counts once. */
    final Set<String> seen = new HashSet<>();

    int overlapLines;

    Sequence(int number, StoryRepo prepared, long seed, int budget, Tally tally, List<String> flags)
        throws IOException, InterruptedException {
      this.flags = flags;
      this.number = number;
      this.seed = seed;
      this.random = new Random(seed);
      this.budget = budget;
      this.tally = tally;
      this.dir = tmp.resolve("sequence-" + number);
      this.root = prepared.copyTo(dir);
      this.home = prepared.home;
      this.invariants =
          Invariants.before(
              root, "main", prepared.home, Files.createDirectories(dir.resolve("gates")));
      this.processes = new MarkedProcesses(StoryRepo.MARKER, dir.toString());
    }

    /** The person's loop: look at the Board, run what it calls for, until every lane landed. */
    void run() throws Exception {
      while (true) {
        Optional<Plan> plan = board();
        if (plan.isEmpty()) {
          violation(WORKING_PROMISE, "PLAN.md cannot be read, so the story cannot go on");
          break;
        }
        Optional<Command> next = nextCommand(plan.get());
        if (next.isEmpty() && lastWasKilled) {
          // The Board says every lane landed, but the kill may have come between PLAN.md and
          // ledger/: the entries wait in the journal for the next lanes command that writes
          // (README,
          // "status only reads"). A person's next `integrate` finishes them and says nothing is
          // left.
          int kills = budget;
          budget = 0;
          runOrKill(new Command(Kind.INTEGRATE, ""));
          budget = kills;
          continue;
        }
        if (next.isEmpty()) {
          break;
        }
        if (commands.size() == MAX_COMMANDS) {
          violation(WORKING_PROMISE, "the story did not end in " + MAX_COMMANDS + " commands");
          break;
        }
        runOrKill(next.get());
      }
      atTheEnd();
    }

    /**
     * What a person runs next: a lane that failed, or whose lanes process is gone, is resumed; then
     * handed-off lanes are integrated; then the next wave is dispatched.
     */
    Optional<Command> nextCommand(Plan plan) {
      Map<String, BoardStatus> status = statuses(plan);
      for (String lane : StoryRepo.LANES) {
        BoardStatus s = status.get(lane);
        if (s == BoardStatus.FAILED
            || s == BoardStatus.BLOCKED
            || s == BoardStatus.RUNNING
            || s == BoardStatus.DISPATCHED) {
          // No lanes command runs between two of ours: a running lane's lanes process is gone.
          return Optional.of(new Command(Kind.RESUME, lane));
        }
      }
      if (status.containsValue(BoardStatus.HANDED_OFF)
          || status.containsValue(BoardStatus.INTEGRATING)) {
        return Optional.of(new Command(Kind.INTEGRATE, ""));
      }
      if (status.containsValue(BoardStatus.PLANNED) || status.containsValue(BoardStatus.REOPENED)) {
        return Optional.of(new Command(Kind.DISPATCH, ""));
      }
      if (!status.values().stream().allMatch(s -> s == BoardStatus.INTEGRATED)) {
        violation(WORKING_PROMISE, "the Board holds a status no command moves on: " + status);
      }
      return Optional.empty();
    }

    void runOrKill(Command command) throws Exception {
      commands.add(command.toString());
      lastWasKilled = false;
      OptionalLong killAt =
          budget > 0 ? tally.killMoment(command.kind(), random) : OptionalLong.empty();
      Footprint before = footprint();
      Set<Long> older = new HashSet<>();
      processes.scan().forEach(proc -> older.add(proc.pid()));
      long t0 = System.nanoTime();
      Process p = start(command);
      boolean ended = p.waitFor(killAt.orElse(120_000), TimeUnit.MILLISECONDS);
      if (!ended && killAt.isPresent()) {
        kill(command, p, killAt.getAsLong(), before, older);
        return;
      }
      if (!ended) {
        p.destroyForcibly().waitFor();
        violation(WORKING_PROMISE, command + " did not end in 120 s");
        return;
      }
      (number == 0 ? tally.untouched : tally.observed)
          .add(command.kind(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      if (VERBOSE) {
        System.out.println(
            "  sequence "
                + number
                + ": `"
                + command
                + "` exit "
                + p.exitValue()
                + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                + " ms");
      }
      afterTheCommand(command, p.exitValue());
    }

    /**
     * SIGKILL of the lanes process alone, then the promises that must hold right away. What it left
     * running is every process of the case that was not there before it started: nothing else runs
     * in the case meanwhile (an orphan of an earlier kill is that kill's doing).
     */
    void kill(Command command, Process p, long afterMillis, Footprint before, Set<Long> older)
        throws Exception {
      Set<Long> children = new HashSet<>();
      p.descendants().forEach(d -> children.add(d.pid()));
      String phase =
          phase(processes.scan().stream().filter(proc -> children.contains(proc.pid())).toList());
      p.destroyForcibly(); // SIGKILL to the java process only, as a crash would
      p.waitFor();
      List<Proc> left =
          processes.scan().stream().filter(proc -> !older.contains(proc.pid())).toList();
      phase += ", " + before.progressTo(footprint());
      Kill kill = new Kill(number, seed, tally.kills.size() + 1, command, afterMillis, phase, left);
      tally.kills.add(kill);
      if (VERBOSE) {
        System.out.println("  " + kill + ", left running: " + left);
      }
      budget--;
      lastKill = kill;
      lastWasKilled = true;
      left.forEach(proc -> leftBy.putIfAbsent(owner(proc), kill));
      checkTheRepository("right after the kill");
    }

    /** After a command that ended by itself: its exit, the repository, and what still runs. */
    void afterTheCommand(Command command, int exit) throws Exception {
      String output = output();
      if ((exit != 0 && exit != 1) || output.contains("internal error")) {
        violation(WORKING_PROMISE, command + " ended with exit " + exit + ": " + lastLines(output));
      }
      checkTheRepository("after `" + command + "`");
      Optional<Plan> plan = board();
      Set<String> gone = new HashSet<>();
      plan.ifPresent(
          pl ->
              statuses(pl)
                  .forEach(
                      (lane, s) -> {
                        if (s == BoardStatus.RUNNING || s == BoardStatus.DISPATCHED) {
                          gone.add(lane);
                        }
                      }));
      // Only the workers of lanes still waiting for their `resume` may run on (the next command
      // on their lane must end them); anything else a killed command started is over by now.
      noProcessLeft(p -> p.lane().map(l -> !gone.contains(l)).orElse(true), "`" + command + "`");
      twoAttemptsNeverRanAtOnce();
    }

    void atTheEnd() throws Exception {
      board()
          .filter(plan -> statuses(plan).values().stream().allMatch(BoardStatus.INTEGRATED::equals))
          .filter(plan -> !plan.locks().isEmpty())
          .ifPresent(
              plan ->
                  violation(
                      WORKING_PROMISE,
                      "every lane is integrated, yet locks remain: "
                          + plan.locks().stream().map(l -> l.lockId()).toList()));
      check(PLAN_PROMISE, "at the end", invariants::planParsesAndKeepsEveryByteOutsideItsTables);
      check(
          ONCE_PROMISE, "at the end", () -> invariants.everyLaneLandedExactlyOnce(StoryRepo.LANES));
      check(
          GATES_PROMISE, "at the end", invariants::everyCommitTheTargetMovedThroughPassesItsGates);
      check(LEDGER_PROMISE, "at the end", invariants::ledgerIsWholeAndInOrder);
      check(
          LEDGER_PROMISE,
          "at the end",
          () -> invariants.ledgerRecordsEachLandingOnce(StoryRepo.LANES));
      check(CHECKOUT_PROMISE, "at the end", invariants::checkoutFollowsTheTarget);
      check(HIDDEN_PROMISE, "at the end", invariants::lanesStateStaysOutOfGitStatus);
      noProcessLeft(p -> true, "the end of the story");
      twoAttemptsNeverRanAtOnce();
      MarkedProcesses.end(processes.scan());
    }

    void checkTheRepository(String when) {
      check(PLAN_PROMISE, when, invariants::planParsesAndKeepsEveryByteOutsideItsTables);
      check(ONCE_PROMISE, when, invariants::noLaneLandedTwice);
      check(GATES_PROMISE, when, invariants::everyCommitTheTargetMovedThroughPassesItsGates);
      check(LEDGER_PROMISE, when, invariants::ledgerIsWholeAndInOrder);
      check(CHECKOUT_PROMISE, when, invariants::checkoutFollowsTheTarget);
      check(HIDDEN_PROMISE, when, invariants::lanesStateStaysOutOfGitStatus);
    }

    /**
     * Waits up to the grace period for the unwanted processes to end; each left is a violation,
     * laid at the door of the kill that left it running when there is one, and is then ended.
     */
    void noProcessLeft(Predicate<Proc> unwanted, String after) throws InterruptedException {
      long t0 = System.nanoTime();
      List<Proc> left = processes.awaitGone(unwanted, GRACE_MILLIS, TimeUnit.MILLISECONDS);
      tally.waitedMillis += TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      // One violation per kill and attempt, naming its processes.
      Map<String, List<Proc>> groups = new TreeMap<>();
      for (Proc proc : left) {
        Kill kill = leftBy.get(owner(proc));
        String attempt = proc.lane().map(l -> l + " attempt " + proc.attempt()).orElse("no lane");
        groups
            .computeIfAbsent(
                (kill == null ? 0 : kill.number()) + "\0" + attempt, k -> new ArrayList<>())
            .add(proc);
      }
      groups.forEach(
          (key, procs) -> {
            Kill kill = leftBy.get(owner(procs.get(0)));
            String what = key.substring(key.indexOf('\0') + 1);
            record(
                PROCESS_PROMISE,
                kill,
                (kill == null ? "left by " : "still running after ")
                    + after
                    + ": "
                    + what
                    + ", "
                    + procs.stream().map(Proc::toString).toList());
          });
      MarkedProcesses.end(left);
    }

    /** What the agents said about attempts of one lane running side by side. */
    void twoAttemptsNeverRanAtOnce() throws IOException {
      Path file = dir.resolve("overlaps.txt");
      if (!Files.exists(file)) {
        return;
      }
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(overlapLines, lines.size())) {
        // "<lane> attempt <n> started while attempt <m> (pid <pid>) still ran"
        String[] words = line.split(" ");
        Kill kill = leftBy.get(words[0] + " attempt " + words[6]);
        record(OVERLAP_PROMISE, kill, line);
      }
      overlapLines = lines.size();
    }

    /**
     * Whose a process is: its lane's attempt, else the group lanes started it in (a gate's), else
     * itself (git shares the group of this JVM, which started lanes).
     */
    static String owner(Proc proc) {
      return proc.lane()
          .map(lane -> lane + " attempt " + proc.attempt())
          .orElse(
              proc.pgid() == MarkedProcesses.ownGroup()
                  ? "pid " + proc.pid()
                  : "group " + proc.pgid());
    }

    void check(String promise, String when, Runnable invariant) {
      try {
        invariant.run();
      } catch (AssertionError e) {
        record(promise, lastKill, when + ": " + e.getMessage());
      }
    }

    void violation(String promise, String detail) {
      record(promise, lastKill, detail);
    }

    void record(String promise, Kill kill, String detail) {
      String first = detail.lines().findFirst().orElse("");
      // A lasting state (a lane landed twice) is seen again at every check: count it once.
      if (seen.add(promise + "\n" + first.replaceFirst("^[^:]*: ", ""))) {
        tally.violations.add(new Violation(promise, number, seed, kill, detail));
      }
    }

    // ---------------------------------------------------------------------------------------------

    Process start(Command command) throws IOException {
      int n = commands.size();
      List<String> cmd =
          new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
      // The untouched run lists the classes each command loads, for the class archive.
      cmd.addAll(
          number == 0
              ? List.of("-XX:DumpLoadedClassList=" + dir.resolve("classes-" + n + ".lst"))
              : flags);
      cmd.addAll(List.of("-jar", JAR.toString(), command.kind().word(), "--repo", root.toString()));
      if (!command.lane().isEmpty()) {
        cmd.add(command.lane());
      }
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(root.toFile())
              .redirectOutput(dir.resolve("out-" + n + ".txt").toFile())
              .redirectError(dir.resolve("err-" + n + ".txt").toFile());
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("LANES_") || k.startsWith("GIT_"));
      env.put("HOME", home.toString());
      env.put("GIT_CONFIG_NOSYSTEM", "1");
      env.put("NO_COLOR", "1");
      env.put(StoryRepo.MARKER, dir.toString());
      env.put(StoryRepo.SEED, Long.toString(Math.floorMod(seed, 1000)));
      return pb.start();
    }

    /** The last command's output, stdout then stderr. */
    String output() throws IOException {
      int n = commands.size();
      return Files.readString(dir.resolve("out-" + n + ".txt"))
          + Files.readString(dir.resolve("err-" + n + ".txt"));
    }

    /** What lanes has written so far: PLAN.md, the number of ledger entries, the target's tip. */
    Footprint footprint() throws IOException {
      Path plan = root.resolve("PLAN.md");
      String text = Files.exists(plan) ? Invariants.read(plan) : "";
      long entries;
      try (java.util.stream.Stream<Path> files = Files.walk(root.resolve("ledger"))) {
        entries = files.filter(Files::isRegularFile).count();
      } catch (java.nio.file.NoSuchFileException e) {
        entries = 0;
      }
      return new Footprint(text, entries, invariants.git("rev-parse", "refs/heads/main").strip());
    }

    /** PLAN.md as lanes would read it (the stash a killed write may leave stands in for it). */
    Optional<Plan> board() {
      for (Path file :
          List.of(root.resolve("PLAN.md"), root.resolve(".lanes/state/PLAN.md.stash"))) {
        if (Files.isRegularFile(file)) {
          return Optional.of(
              PlanReader.read(Invariants.read(file), LocalDate.now(ZoneOffset.UTC)).plan());
        }
      }
      return Optional.empty();
    }
  }

  /**
   * A class-data-sharing archive (AppCDS) of every class the untouched run's commands loaded, and
   * the flags that use it: it halves each command's start-up, which is most of a short command's
   * time, and changes nothing else. Without it (the dump failed) the commands run as they are.
   */
  static List<String> classArchive(Path untouched) throws IOException, InterruptedException {
    Set<String> classes = new java.util.LinkedHashSet<>();
    try (java.util.stream.Stream<Path> files = Files.list(untouched)) {
      for (Path list : files.filter(f -> f.toString().endsWith(".lst")).sorted().toList()) {
        classes.addAll(Files.readAllLines(list));
      }
    }
    Path list = Files.write(tmp.resolve("classes.lst"), classes);
    Path archive = tmp.resolve("lanes.jsa");
    Process dump =
        new ProcessBuilder(
                java(),
                "-Xshare:dump",
                "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + archive,
                "-cp",
                JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("dump.txt").toFile())
            .start();
    if (!dump.waitFor(120, TimeUnit.SECONDS) || dump.exitValue() != 0 || !Files.exists(archive)) {
      dump.destroyForcibly();
      System.out.println("RandomKillIT: no class archive, see " + tmp.resolve("dump.txt"));
      return List.of();
    }
    return List.of("-XX:SharedArchiveFile=" + archive);
  }

  static Map<String, BoardStatus> statuses(Plan plan) {
    Map<String, BoardStatus> status = new LinkedHashMap<>();
    for (String lane : StoryRepo.LANES) {
      status.put(
          lane,
          plan.board().stream()
              .filter(r -> r.lane().value().equals(lane))
              .map(BoardRow::status)
              .findFirst()
              .orElse(BoardStatus.PLANNED));
    }
    return status;
  }

  /**
   * What the killed command was doing, from the processes it had running: a worker, a gate, a git
   * command, or only its own JVM (starting, planning, writing PLAN.md or the ledger, JGit).
   */
  static String phase(List<Proc> children) {
    if (children.stream().anyMatch(p -> p.cmdline().contains("agent.sh"))) {
      return "worker";
    }
    if (children.stream()
        .anyMatch(
            p ->
                p.cmdline().contains(StoryRepo.LANE_GATE)
                    || p.cmdline().contains(StoryRepo.PATCH_GATE)
                    || p.cmdline().contains("tail -c1"))) {
      return "gate";
    }
    if (children.stream().anyMatch(p -> p.cmdline().startsWith("git"))) {
      return "git";
    }
    return "lanes itself";
  }

  static String lastLines(String output) {
    List<String> lines = output.strip().lines().toList();
    return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }

  static String java() {
    return ProcessHandle.current().info().command().filter(c -> c.endsWith("java")).orElse("java");
  }

  // -----------------------------------------------------------------------------------------------
  // Values and the tally.

  enum Kind {
    DISPATCH,
    RESUME,
    INTEGRATE;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  record Command(Kind kind, String lane) {
    @Override
    public String toString() {
      return lane.isEmpty() ? kind.word() : kind.word() + " " + lane;
    }
  }

  record Kill(
      int sequence,
      long seed,
      int number,
      Command command,
      long afterMillis,
      String phase,
      List<Proc> leftRunning) {
    boolean leftAWorker() {
      return leftRunning.stream().anyMatch(p -> p.cmdline().contains("agent.sh"));
    }

    @Override
    public String toString() {
      return "kill "
          + number
          + " (sequence "
          + sequence
          + ", seed "
          + seed
          + "): `"
          + command
          + "` after "
          + afterMillis
          + " ms, in "
          + phase;
    }
  }

  /** What lanes has written in a repository: to tell how far a killed command had come. */
  record Footprint(String plan, long ledgerEntries, String tip) {
    String progressTo(Footprint after) {
      if (!tip.equals(after.tip())) {
        return "after the target moved";
      }
      if (!plan.equals(after.plan()) || ledgerEntries != after.ledgerEntries()) {
        return "after writing PLAN.md or the ledger";
      }
      return "before writing anything";
    }
  }

  record Violation(String promise, int sequence, long seed, Kill kill, String detail) {
    @Override
    public String toString() {
      String d = detail.length() > 600 ? detail.substring(0, 600) + "..." : detail;
      return promise
          + "\n      "
          + (kill == null ? "sequence " + sequence + " (seed " + seed + ")" : kill.toString())
          + "\n      "
          + d.replace("\n", "\n      ");
    }
  }

  /** Mean run times of the commands that ended by themselves, by kind. */
  static final class Durations {
    private final Map<Kind, long[]> sums = new EnumMap<>(Kind.class);

    void add(Kind kind, long millis) {
      long[] s = sums.computeIfAbsent(kind, k -> new long[2]);
      s[0] += millis;
      s[1]++;
    }

    long count(Kind kind) {
      long[] s = sums.get(kind);
      return s == null ? 0 : s[1];
    }

    long mean(Kind kind) {
      long[] s = sums.get(kind);
      return s == null || s[1] == 0 ? 1500 : s[0] / s[1];
    }
  }

  /** Every kill and violation of the run, and the choice of the next kill. */
  static final class Tally {
    final List<Kill> kills = new ArrayList<>();
    final List<Violation> violations = new ArrayList<>();

    /** Run times of the commands that ended by themselves: untouched, and in the sequences. */
    final Durations untouched = new Durations();

    final Durations observed = new Durations();

    /** Time spent waiting for processes to end, most of it for those that never did. */
    long waitedMillis;

    /**
     * Whether to kill the command about to start, and after how long: uniformly within its expected
     * run time, and more often for the kind of command killed least so far, so that each gets about
     * a third of the kills.
     */
    OptionalLong killMoment(Kind kind, Random random) {
      double chance = random.nextDouble();
      double moment = random.nextDouble();
      long mine = count(kind);
      long least = List.of(Kind.values()).stream().mapToLong(this::count).min().orElse(0);
      // Resumes come in bursts after kills: the more a kind leads, the less it is killed.
      if (chance >= 0.95 * Math.pow((least + 1.0) / (mine + 1.0), 3)) {
        return OptionalLong.empty();
      }
      // The run times with the class archive, once known; until then the untouched run's.
      long expected = observed.count(kind) >= 3 ? observed.mean(kind) : untouched.mean(kind);
      return OptionalLong.of((long) (moment * expected));
    }

    long count(Kind kind) {
      return kills.stream().filter(k -> k.command().kind() == kind).count();
    }

    String report(long started) {
      StringBuilder s = new StringBuilder("RandomKillIT: ");
      s.append(kills.size())
          .append(" kills in ")
          .append(kills.stream().mapToInt(Kill::sequence).distinct().count())
          .append(" sequences, ")
          .append(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
          .append(" s (")
          .append(waitedMillis / 1000)
          .append(
              " s of it waiting for processes to end)\n  mean run time untouched / in the sequences:");
      for (Kind kind : Kind.values()) {
        s.append(' ')
            .append(kind.word())
            .append(' ')
            .append(untouched.mean(kind))
            .append(" / ")
            .append(observed.mean(kind))
            .append(" ms");
      }
      s.append("\n  kills per command and phase:\n");
      for (Kind kind : Kind.values()) {
        Map<String, Integer> phases = new TreeMap<>();
        kills.stream()
            .filter(k -> k.command().kind() == kind)
            .forEach(k -> phases.merge(k.phase(), 1, Integer::sum));
        long workers =
            kills.stream().filter(k -> k.command().kind() == kind && k.leftAWorker()).count();
        s.append("    ")
            .append(kind.word())
            .append(": ")
            .append(count(kind))
            .append(' ')
            .append(phases)
            .append(", a worker still running just after the kill: ")
            .append(workers)
            .append('\n');
      }
      s.append("  promises broken (kills after which each was broken, by the killed command):\n");
      for (String promise : PROMISES) {
        List<Violation> broken =
            violations.stream().filter(v -> v.promise().equals(promise)).toList();
        Map<String, Set<Integer>> byKind = new TreeMap<>();
        long unattributed = 0;
        for (Violation v : broken) {
          if (v.kill() == null) {
            unattributed++;
          } else {
            byKind
                .computeIfAbsent(v.kill().command().kind().word(), k -> new HashSet<>())
                .add(v.kill().number());
          }
        }
        s.append("    ").append(promise).append(": ");
        if (broken.isEmpty()) {
          s.append("kept\n");
          continue;
        }
        List<String> parts = new ArrayList<>();
        byKind.forEach(
            (kind, set) ->
                parts.add(
                    "after "
                        + set.size()
                        + " of "
                        + count(Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)))
                        + " "
                        + kind
                        + " kills"));
        if (unattributed > 0) {
          parts.add(unattributed + " times before any kill of the sequence");
        }
        s.append(String.join(", ", parts)).append('\n');
      }
      if (!violations.isEmpty()) {
        s.append("  the first violations:\n");
        violations.stream().limit(25).forEach(v -> s.append("    ").append(v).append('\n'));
      }
      return s.toString();
    }
  }
}
