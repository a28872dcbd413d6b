package dev.lanes.demo;

import dev.lanes.analysis.Workspace;
import dev.lanes.git.GitCli;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Plan;
import dev.lanes.policy.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo as a user would run it: make the repository, then {@code validate}, {@code waves}, and
 * rounds of {@code dispatch} and {@code integrate} until no lane is left to run (at most {@link
 * #MAX_ROUNDS}), resuming the lane that fails its gate once; then the target branch's log, the
 * Board and the ledger. Each step is printed as the command line and its own output; lines starting
 * with {@code #} are the demo's narration. Nothing is faked.
 */
public final class DemoStory {
  /** Dispatch rounds at most, so a lane reopened again and again cannot loop forever. */
  static final int MAX_ROUNDS = 4;

  private static final String TARGET = "main";
  private static final String LOG_FORMAT =
      "--format=%h %s%n%w(0,4,4)%(trailers:key=Lane,key=Attempt,key=Agent,key=Gates)";

  private final PrintWriter out;
  private final PrintWriter err;
  private final LanesRunner lanes;
  private final GitCli git;
  private final List<String> deviations = new ArrayList<>();
  private DemoRepository repo;
  private boolean narrating;

  /**
   * @param lanes runs a lanes command in this process
   */
  public DemoStory(PrintWriter out, PrintWriter err, LanesRunner lanes, GitCli git) {
    this.out = out;
    this.err = err;
    this.lanes = lanes;
    this.git = git;
  }

  /**
   * Runs the whole demo in {@code dir} (missing or empty).
   *
   * @param lanesCommand shell words that start lanes, for the scripted agent's checkpoint
   * @param keep whether the repository stays afterwards (the closing lines say how to delete it)
   * @return whether the demo ran as designed (the planned failure of one lane included)
   */
  public boolean run(Path dir, String lanesCommand, boolean keep) {
    Instant start = Instant.now();
    repo = DemoRepository.create(dir, git, lanesCommand);
    introduce();
    if (lanesStep("the plan and the policy check out", "validate") == 0
        && lanesStep("the lanes' scopes, their overlaps and the waves", "waves") == 0) {
      rounds();
      showLog();
      lanesStep("the Board and the locks", "status");
      showLedger();
      checkOutcome();
    } else {
      deviation("PLAN.md or AGENTS.md did not check out");
    }
    Duration elapsed = Duration.between(start, Instant.now());
    conclude(elapsed, keep);
    return deviations.isEmpty();
  }

  private void introduce() {
    Path root = repo.root();
    out.println("lanes demo: the whole loop in a throw-away repository, with a scripted agent.");
    out.println();
    out.println("# Repository: " + root);
    out.println("# A tiny calculator in POSIX sh: calc/add.sh, calc/mul.sh, docs/, and");
    out.println("# test/run.sh, which the gates really run. Its two commits:");
    print(git.run(root, "log", "--format=#   %h %s", TARGET));
    out.println("# PLAN.md holds five lanes (`lanes` never rewrites this part):");
    for (String line : read(root.resolve("PLAN.md")).split("\n")) {
      if (line.startsWith("### ") || line.startsWith("- scope:") || line.startsWith("- depends")) {
        out.println("#   " + line);
      }
    }
    out.println(
        "# " + String.join(" and ", DemoFiles.CONFLICTING_LANES) + " overlap on docs/usage.md;");
    out.println(
        "# "
            + DemoFiles.DEPENDENT_LANE
            + " depends on "
            + DemoFiles.DEPENDENCY
            + "; "
            + DemoFiles.FAILING_LANE
            + "'s first attempt will fail the `"
            + DemoFiles.UNIT_GATE
            + "` gate, on purpose.");
    out.println("# AGENTS.md has the seven policy sections; its gates and first agent:");
    for (String line : read(root.resolve("AGENTS.md")).split("\n")) {
      if (line.matches("\\| [0-9]+ \\|.*") || line.startsWith("| demo |")) {
        out.println("#   " + line);
      }
    }
    out.println(
        "# The `demo` agent is a script standing in for a coding agent: " + repo.agentScript());
  }

  private void rounds() {
    boolean resumed = false;
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      Map<String, BoardStatus> before = board();
      if (before.values().stream().noneMatch(DemoStory::dispatchable)) {
        break;
      }
      int code =
          lanesStep(
              round == 1
                  ? "run the first wave's workers, each in its own worktree under a lock"
                  : "run the next wave's workers",
              "dispatch");
      if (code > 1) {
        deviation("`lanes dispatch` exited " + code);
        return;
      }
      if (round == 1) {
        showWorkerLog(
            DemoFiles.CHECKPOINT_LANE,
            1,
            "What "
                + DemoFiles.CHECKPOINT_LANE
                + "'s worker printed (it recorded a checkpoint by calling `lanes checkpoint`):");
      }
      if (!resumed && board().get(DemoFiles.FAILING_LANE) == BoardStatus.FAILED) {
        resumed = true;
        resumeFailingLane();
      }
      code =
          lanesStep("land the handed-off lanes one patch at a time through the gates", "integrate");
      if (code > 1) {
        deviation("`lanes integrate` exited " + code);
        return;
      }
      Map<String, BoardStatus> after = board();
      if (after.get(DemoFiles.FAILING_LANE) == BoardStatus.REOPENED) {
        narrate(
            DemoFiles.FAILING_LANE
                + " was reopened by the integrator with the failure context; the next dispatch"
                + " runs it again.");
      }
      if (after.equals(before)) {
        deviation("round " + round + " changed nothing on the Board");
        return;
      }
    }
    if (board().values().stream().anyMatch(DemoStory::dispatchable)) {
      narrate("Stopping after " + MAX_ROUNDS + " rounds; some lanes are still waiting to run.");
    }
  }

  private void resumeFailingLane() {
    String lane = DemoFiles.FAILING_LANE;
    narrate(
        lane
            + " failed its `"
            + DemoFiles.UNIT_GATE
            + "` gate: the planned failure of this demo. Its lock is released and");
    narrate("the ledger says why. A person reads the failure entry...");
    latestEntry(lane, "failure")
        .ifPresent(
            entry -> {
              header("cat " + repo.root().relativize(entry));
              print(read(entry));
            });
    int code =
        lanesStep(
            "...and runs the lane again, in the same worktree; the new prompt carries the failure",
            "resume",
            lane);
    if (code != 0) {
      deviation("`lanes resume " + lane + "` exited " + code);
    }
    showWorkerLog(lane, 2, "What the second attempt's worker printed:");
  }

  private void showWorkerLog(String lane, int attempt, String why) {
    Path log = repo.root().resolve(".lanes").resolve("logs").resolve(lane + "." + attempt + ".log");
    if (Files.isRegularFile(log)) {
      narrate(why);
      header("cat " + repo.root().relativize(log));
      print(read(log));
    }
  }

  private void showLog() {
    header("git log " + LOG_FORMAT.replace("--format=", "--format='") + "' " + TARGET);
    print(git.run(repo.root(), "log", LOG_FORMAT, TARGET));
  }

  private void showLedger() {
    Path ledger = repo.root().resolve("ledger");
    header("ls ledger/*");
    for (Path folder : list(ledger)) {
      if (Files.isDirectory(folder)) {
        out.println(repo.root().relativize(folder) + ":");
        out.println(
            "  "
                + list(folder).stream()
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.joining("  ")));
      }
    }
    narrate("The ledger is " + ledger + ": one markdown file per event, never rewritten.");
  }

  private void checkOutcome() {
    for (Map.Entry<String, BoardStatus> lane : board().entrySet()) {
      if (lane.getValue() != BoardStatus.INTEGRATED) {
        deviation(lane.getKey() + " ended " + lane.getValue().word() + ", not integrated");
      }
    }
    boolean gateNamed =
        latestEntry(DemoFiles.FAILING_LANE, "failure")
            .map(DemoStory::read)
            .filter(text -> text.contains(DemoFiles.UNIT_GATE))
            .isPresent();
    if (!gateNamed) {
      deviation(
          "the ledger has no failure entry of "
              + DemoFiles.FAILING_LANE
              + " naming the `"
              + DemoFiles.UNIT_GATE
              + "` gate");
    }
  }

  private void conclude(Duration elapsed, boolean keep) {
    out.println();
    if (deviations.isEmpty()) {
      out.printf(
          "The demo ran as designed in %s. %s's gate failure was part of the story.%n",
          Durations.elapsed(elapsed), DemoFiles.FAILING_LANE);
    } else {
      out.println("The demo did not go as designed:");
      deviations.forEach(d -> out.println("  - " + d));
    }
    if (keep) {
      out.println("Look around: cd " + repo.root() + " && lanes status");
      out.println("Delete it when done: rm -rf " + repo.root());
    }
    out.flush();
  }

  private int lanesStep(String why, String... args) {
    narrate(why.substring(0, 1).toUpperCase(Locale.ROOT) + why.substring(1) + ":");
    String shown = "lanes " + String.join(" ", args);
    header(shown);
    List<String> full = new ArrayList<>(List.of(args));
    full.add("--repo");
    full.add(repo.root().toString());
    int code = lanes.run(out, err, full.toArray(String[]::new));
    out.flush();
    err.flush();
    if (code != 0) {
      out.println("(exit " + code + ")");
    }
    return code;
  }

  private void header(String command) {
    if (!narrating) {
      out.println();
    }
    narrating = false;
    out.println("$ " + command);
    out.flush();
  }

  /** A line of narration; the first of a block gets a blank line before it. */
  private void narrate(String text) {
    if (!narrating) {
      out.println();
    }
    narrating = true;
    out.println("# " + text);
  }

  private void deviation(String text) {
    deviations.add(text);
  }

  private void print(String text) {
    out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
    out.flush();
  }

  private static boolean dispatchable(BoardStatus status) {
    return status == BoardStatus.PLANNED || status == BoardStatus.REOPENED;
  }

  /** Each demo lane's Board status; a lane without a row is planned. */
  private Map<String, BoardStatus> board() {
    Map<String, BoardStatus> board = new LinkedHashMap<>();
    DemoFiles.LANES.forEach(id -> board.put(id, BoardStatus.PLANNED));
    Optional<Plan> plan = Workspace.load(repo.root(), LocalDate.now(ZoneOffset.UTC)).plan();
    for (BoardRow row : plan.map(Plan::board).orElse(List.of())) {
      board.put(row.lane().value(), row.status());
    }
    return board;
  }

  private Optional<Path> latestEntry(String lane, String kind) {
    return list(repo.root().resolve("ledger").resolve(lane)).stream()
        .filter(p -> p.getFileName().toString().endsWith("-" + kind + ".md"))
        .reduce((first, second) -> second);
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
