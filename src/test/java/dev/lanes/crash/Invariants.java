package dev.lanes.crash;

import dev.lanes.ledger.LedgerFileName;
import dev.lanes.ledger.LedgerNames;
import dev.lanes.markdown.PlanRead;
import dev.lanes.markdown.PlanReader;
import dev.lanes.markdown.PolicyReader;
import dev.lanes.plan.Plan;
import dev.lanes.policy.Gate;
import dev.lanes.policy.GateStage;
import dev.lanes.testing.RepoChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The promises about a managed repository, whatever happened to the lanes processes that
 * worked on it: PLAN.md is there, parses, and keeps every byte outside its Locks and Board tables;
 * no lane lands twice; every commit the target branch moved through passes its gates; and, beyond
 * the list, ledger/ holds whole entries, the person's checkout follows the target and
 * .lanes/ stays out of its git status. Taken from the repository before lanes worked on it; each
 * check throws an {@link AssertionError} whose message says what broke. (That no process outlives
 * its lanes is {@link MarkedProcesses}' part.)
 */
final class Invariants {
  /** Gate outcomes by tree and gate commands: a tree passes or fails the same gates every time. */
  private static final Map<String, Optional<String>> GATE_OUTCOMES = new ConcurrentHashMap<>();

  private static final Pattern ENTRY_TITLE = Pattern.compile("# (\\w+): (\\S+) attempt (\\d+)");
  private static final Pattern LANE_TRAILER = Pattern.compile("(?m)^Lane: (\\S+)$");
  private static final List<String> TRAILERS = List.of("Lane", "Attempt", "Agent", "Gates");

  private final Path root;
  private final Path home;
  private final Path scratch;
  private final String target;
  private final String base;
  private final int reflogBefore;
  private final String outsideTables;
  // Commits found to pass their patch gates, and places found to pass the wave gates too.
  private final Set<String> passing = new HashSet<>();
  private final Set<String> placesPassing = new HashSet<>();

  private Invariants(
      Path root,
      Path home,
      Path scratch,
      String target,
      String base,
      int reflogBefore,
      String outsideTables) {
    this.root = root;
    this.home = home;
    this.scratch = scratch;
    this.target = target;
    this.base = base;
    this.reflogBefore = reflogBefore;
    this.outsideTables = outsideTables;
  }

  /**
   * The promises for the repository at {@code root} as it is now, before lanes works on it: its
   * PLAN.md and the target's tip and reflog are what later states are held against. Commits are
   * checked out under {@code scratch} to run their gates.
   */
  static Invariants before(Path root, String target, Path home, Path scratch) {
    Invariants unfinished = new Invariants(root, home, scratch, target, "", 0, "");
    String plan = read(root.resolve("PLAN.md"));
    String tip = unfinished.git("rev-parse", "refs/heads/" + target).strip();
    int reflog = unfinished.reflog().size();
    return new Invariants(root, home, scratch, target, tip, reflog, outsideTables(plan));
  }

  // ---------------------------------------------------------------------------------------------
  // PLAN.md

  /**
   * PLAN.md exists, parses without a problem, and every byte outside its Locks and Board tables is
   * the original's; returns the plan read.
   */
  Plan planParsesAndKeepsEveryByteOutsideItsTables() {
    Path file = root.resolve("PLAN.md");
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("PLAN.md is missing");
    }
    String text = read(file);
    PlanRead read = PlanReader.read(text, LocalDate.now(ZoneOffset.UTC));
    if (!read.problems().isEmpty()) {
      throw new AssertionError("PLAN.md does not parse: " + read.problems() + "\n" + text);
    }
    String outside = outsideTables(text);
    if (!outside.equals(outsideTables)) {
      throw new AssertionError(
          "PLAN.md's bytes outside the Locks and Board tables changed: "
              + firstDifference(outsideTables, outside)
              + "\n"
              + text);
    }
    return read.plan();
  }

  /**
   * The text with both tables emptied: the table writer replaces exactly the tables' rows and keeps
   * every other byte, so two texts agree outside their tables when these agree.
   */
  static String outsideTables(String plan) {
    return RepoChecks.outsideTables(plan);
  }

  // ---------------------------------------------------------------------------------------------
  // Lanes on the target

  /** How many commits on the target's first-parent history since the base carry each lane. */
  Map<String, Integer> landed() {
    Map<String, Integer> count = new TreeMap<>();
    String log =
        git(
            "log",
            "--first-parent",
            "--format=%(trailers:key=Lane,valueonly)",
            base + "..refs/heads/" + target);
    for (String line : log.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      count.merge(line, 1, Integer::sum);
    }
    return count;
  }

  /** No lane's commit is on the target twice. */
  void noLaneLandedTwice() {
    Map<String, Integer> landed = landed();
    landed.forEach(
        (lane, n) -> {
          if (n > 1) {
            throw new AssertionError("lane " + lane + " landed " + n + " times: " + landed);
          }
        });
  }

  /** Each of the lanes is on the target exactly once, and nothing else lanes made is. */
  void everyLaneLandedExactlyOnce(Collection<String> lanes) {
    Map<String, Integer> landed = landed();
    Map<String, Integer> expected = new TreeMap<>();
    lanes.forEach(l -> expected.put(l, 1));
    if (!landed.equals(expected)) {
      throw new AssertionError("lanes on the target " + landed + ", expected " + expected);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // ledger/ and the person's checkout

  /**
   * Every file in ledger/ is a whole entry: in each lane's folder, {@code NNN-<kind>.md} counting
   * from 001 without a gap, each titled {@code # <Kind>: <lane> attempt <n>} and ending with a
   * newline.
   */
  void ledgerIsWholeAndInOrder() {
    Path ledger = root.resolve("ledger");
    if (!Files.isDirectory(ledger)) {
      return;
    }
    for (Path laneDir : list(ledger)) {
      if (!Files.isDirectory(laneDir)) {
        continue; // ledger/README.md and the like
      }
      String lane = laneDir.getFileName().toString();
      int expected = 1;
      for (Path file : list(laneDir)) {
        String name = file.getFileName().toString();
        Optional<LedgerFileName> parsed = LedgerNames.parse(name);
        if (parsed.isEmpty()) {
          throw new AssertionError("ledger/" + lane + "/" + name + " is not a ledger entry's name");
        }
        if (parsed.get().number() != expected) {
          throw new AssertionError(
              "ledger/" + lane + " has " + name + " where entry " + expected + " should be");
        }
        expected++;
        String text = read(file);
        Matcher title = ENTRY_TITLE.matcher(text.lines().findFirst().orElse(""));
        if (!title.matches()
            || !title.group(1).equalsIgnoreCase(parsed.get().kind().word())
            || !title.group(2).equals(lane)
            || !text.endsWith("\n")) {
          throw new AssertionError(
              "ledger/" + lane + "/" + name + " is not a whole entry:\n" + text);
        }
      }
    }
  }

  /** The ledger records each lane's landing exactly once, naming the commit the target holds. */
  void ledgerRecordsEachLandingOnce(Collection<String> lanes) {
    for (String lane : lanes) {
      Path laneDir = root.resolve("ledger").resolve(lane);
      List<String> landed =
          (Files.isDirectory(laneDir) ? list(laneDir) : List.<Path>of())
              .stream()
                  .filter(f -> f.getFileName().toString().endsWith("-integration.md"))
                  .map(Invariants::read)
                  .filter(t -> t.contains("- Result: landed"))
                  .toList();
      String commit =
          git("log", "--format=%H", "--grep=^Lane: " + lane + "$", base + "..refs/heads/" + target)
              .strip();
      if (landed.size() != 1 || !landed.get(0).contains("- Commit: " + commit)) {
        throw new AssertionError(
            "the ledger records "
                + landed.size()
                + " landings of "
                + lane
                + ", expected one naming "
                + commit
                + ": "
                + landed);
      }
    }
  }

  /**
   * The person's checkout has the target checked out, at its tip: it differs only in PLAN.md (whose
   * tables lanes writes) and the untracked ledger/ (and .lanes/, which the next check is about).
   */
  void checkoutFollowsTheTarget() {
    String head = git("symbolic-ref", "HEAD").strip();
    if (!head.equals("refs/heads/" + target)) {
      throw new AssertionError("the checkout is on " + head + ", not " + target);
    }
    List<String> changed =
        git("status", "--porcelain", "--untracked-files=normal")
            .lines()
            .filter(l -> !l.equals(" M PLAN.md") && !l.equals("?? ledger/"))
            .filter(l -> !l.equals("?? .lanes/"))
            .toList();
    if (!changed.isEmpty()) {
      throw new AssertionError(
          "the checkout differs from the target's tip beyond lanes' own files: " + changed);
    }
  }

  /**
   * lanes' own state, {@code .lanes/}, never shows in the person's {@code git status}: a {@code git
   * add -A} there (which README suggests for committing the Board and ledger/) would commit it.
   */
  void lanesStateStaysOutOfGitStatus() {
    List<String> shown =
        git("status", "--porcelain", "--untracked-files=all", "--", ".lanes").lines().toList();
    if (!shown.isEmpty()) {
      throw new AssertionError(
          "git status shows lanes' own state, .lanes/ is not excluded: " + shown);
    }
  }

  private static List<Path> list(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The target's commits

  /**
   * Every place the target has been since the base (its reflog, and its tip) descends from the base
   * along one line of commits, each made by lanes for one lane (trailers {@code Lane}, {@code
   * Attempt}, {@code Agent}, {@code Gates}) and passing the {@code patch} gates its own AGENTS.md
   * names, and every such place passes the {@code wave} gates too.
   */
  void everyCommitTheTargetMovedThroughPassesItsGates() {
    List<String> reflog = reflog();
    Set<String> places = new java.util.LinkedHashSet<>();
    // The reflog lists the newest first; what it held before lanes ran is the base's own past.
    places.addAll(reflog.subList(0, Math.max(0, reflog.size() - reflogBefore)));
    places.add(git("rev-parse", "refs/heads/" + target).strip());
    for (String place : places) {
      if (place.equals(base) || placesPassing.contains(place)) {
        continue;
      }
      if (exit("merge-base", "--is-ancestor", base, place) != 0) {
        throw new AssertionError(
            "the target was at " + place + ", which does not descend from the base " + base);
      }
      String parent = base;
      List<Commit> line = commits(base + ".." + place);
      for (Commit commit : line) {
        if (!commit.parents().equals(List.of(parent))) {
          throw new AssertionError(
              "commit "
                  + commit.id()
                  + " on the target has parents "
                  + commit.parents()
                  + ", not just "
                  + parent);
        }
        if (!passing.contains(commit.id())) {
          for (String trailer : TRAILERS) {
            if (!Pattern.compile("(?m)^" + trailer + ": \\S.*$").matcher(commit.message()).find()) {
              throw new AssertionError(
                  "commit "
                      + commit.id()
                      + " on the target has no "
                      + trailer
                      + " trailer: it is not a lane's commit\n"
                      + commit.message());
            }
          }
          passes(commit, GateStage.PATCH);
        }
        parent = commit.id();
      }
      passes(line.get(line.size() - 1), GateStage.WAVE);
      passing.addAll(line.stream().map(Commit::id).toList());
      placesPassing.add(place);
    }
  }

  private record Commit(String id, String tree, List<String> parents, String message) {
    String lane() {
      Matcher m = LANE_TRAILER.matcher(message);
      return m.find() ? m.group(1) : "?";
    }
  }

  /** The commits of a range, oldest first. */
  private List<Commit> commits(String range) {
    List<Commit> out = new ArrayList<>();
    String log = git("log", "--reverse", "--format=%H%x1f%T%x1f%P%x1f%B%x1e", range);
    for (String record : log.split("\u001e")) {
      String[] f = record.strip().split("\u001f", 4);
      if (f.length == 4) {
        out.add(new Commit(f[0], f[1], List.of(f[2].split(" ")), f[3]));
      }
    }
    return out;
  }

  /** The commit's tree passes the gates of the stage named in its own AGENTS.md. */
  private void passes(Commit commit, GateStage stage) {
    List<Gate> gates =
        PolicyReader.read(git("show", commit.id() + ":AGENTS.md")).policy().gates(stage);
    Map<Integer, String> commands = new LinkedHashMap<>();
    for (Gate gate : gates) {
      if (gate.command().contains("{")) {
        throw new IllegalArgumentException(
            "gate "
                + gate.number()
                + " uses placeholders, which these checks do not fill: "
                + gate.command());
      }
      commands.put(gate.number(), gate.command());
    }
    String key = commit.tree() + " " + stage + " " + commands;
    Optional<String> failure = GATE_OUTCOMES.computeIfAbsent(key, k -> runGates(commit, commands));
    if (failure.isPresent()) {
      throw new AssertionError(
          "the target moved through commit "
              + commit.id()
              + " (lane "
              + commit.lane()
              + "), which fails its "
              + stage.name().toLowerCase(java.util.Locale.ROOT)
              + " gates: "
              + failure.get());
    }
  }

  private Optional<String> runGates(Commit commit, Map<Integer, String> commands) {
    Path tree = scratch.resolve("tree-" + commit.tree());
    try {
      if (!Files.isDirectory(tree)) {
        Files.createDirectories(tree);
        run(root, "sh", "-c", "git archive " + commit.tree() + " | tar -x -C '" + tree + "'");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<Integer, String> gate : commands.entrySet()) {
      Result r = run(tree, "sh", "-c", gate.getValue());
      if (r.exit() != 0) {
        return Optional.of(
            "gate " + gate.getKey() + " `" + gate.getValue() + "` exits " + r.exit() + r.output());
      }
    }
    return Optional.empty();
  }

  /** The target's reflog, newest first; empty when it has none. */
  private List<String> reflog() {
    Result r = run(root, "git", "log", "-g", "--format=%H", "refs/heads/" + target);
    return r.exit() == 0 ? r.output().lines().toList() : List.of();
  }

  // ---------------------------------------------------------------------------------------------

  String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Result r = run(root, command.toArray(String[]::new));
    if (r.exit() != 0) {
      throw new IllegalStateException("git " + String.join(" ", args) + ": " + r.output());
    }
    return r.output();
  }

  private int exit(String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    return run(root, command.toArray(String[]::new)).exit();
  }

  private record Result(int exit, String output) {}

  private Result run(Path where, String... command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(where.toFile());
    // Nothing of the lanes runs' environment: these processes are the test's, not the case's.
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", home.toString());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not end in 60 s");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String firstDifference(String was, String is) {
    int i = 0;
    while (i < was.length() && i < is.length() && was.charAt(i) == is.charAt(i)) {
      i++;
    }
    return "at character "
        + i
        + " it was \""
        + snippet(was, i)
        + "\" and is \""
        + snippet(is, i)
        + "\"";
  }

  private static String snippet(String text, int at) {
    return text.substring(Math.max(0, at - 30), Math.min(text.length(), at + 30))
        .replace("\n", "\\n");
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
