package dev.lanes.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Main;
import dev.lanes.ledger.LedgerFileName;
import dev.lanes.ledger.LedgerNames;
import dev.lanes.markdown.PlanRead;
import dev.lanes.markdown.PlanReader;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One copy of the prepared repository for one kill: runs {@code lanes integrate} on it (as the
 * packaged jar in its own process, or in this JVM) and checks the issue's three promises.
 */
final class RepoCopy {
  private static final Path JAR = Path.of("target/lanes.jar").toAbsolutePath();
  private static final Pattern TITLE = Pattern.compile("# (\\w+): (\\S+) attempt (\\d+)");

  final PreparedRepo prepared;
  final Path root;
  private final Path dir;
  private int runs;

  RepoCopy(PreparedRepo prepared, Path root, Path dir) {
    this.prepared = prepared;
    this.root = root;
    this.dir = dir;
  }

  /** The outcome of one process. */
  record Outcome(int exitCode, String out, String err) {
    String both() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Starts {@code java -jar target/lanes.jar integrate --repo <copy>} with extra variables. */
  Process startIntegrate(Map<String, String> env) throws IOException {
    runs++;
    List<String> command =
        List.of(java(), "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "integrate");
    ProcessBuilder pb =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(root.toFile())
            .redirectOutput(dir.resolve("out-" + runs + ".txt").toFile())
            .redirectError(dir.resolve("err-" + runs + ".txt").toFile());
    pb.command().addAll(List.of("--repo", root.toString()));
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("LANES_") || k.startsWith("GIT_"));
    e.put("HOME", prepared.home.toString());
    e.put("GIT_CONFIG_NOSYSTEM", "1");
    e.putAll(env);
    return pb.start();
  }

  /** What the last started process wrote, once it ended. */
  Outcome outcome(Process p) throws IOException {
    return new Outcome(
        p.exitValue(),
        Files.readString(dir.resolve("out-" + runs + ".txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err-" + runs + ".txt"), StandardCharsets.UTF_8));
  }

  /** Runs the jar's integrate to its end (or its crash) with extra variables. */
  Outcome integrate(Map<String, String> env) throws IOException, InterruptedException {
    Process p = startIntegrate(env);
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("lanes integrate ended").isTrue();
    return outcome(p);
  }

  /** Runs integrate in this JVM (no crash variable is ever set here). */
  Outcome integrateInProcess() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out), new PrintWriter(err), "integrate", "--repo", root.toString());
    return new Outcome(code, out.toString(), err.toString());
  }

  // ---------------------------------------------------------------------------------------------
  // Promise 1: the target is where it was, or at a fully gated commit.

  String tip() {
    return git("rev-parse", "refs/heads/main").strip();
  }

  /**
   * The target is at the old tip, or every commit since it is one lane's commit with the four
   * trailers, on a straight line, passing the patch gate when checked out alone, and the tip also
   * passes the wave gate. Returns the lanes of those commits, oldest first.
   */
  List<String> assertTargetWhereItWasOrGated(String when) {
    String tip = tip();
    if (tip.equals(prepared.before)) {
      return List.of();
    }
    assertThat(exit(root, Map.of(), "git", "merge-base", "--is-ancestor", prepared.before, tip))
        .as(when + ": the old tip is an ancestor of the new one")
        .isZero();
    List<String> lines =
        git("rev-list", "--reverse", "--parents", prepared.before + ".." + tip).lines().toList();
    assertThat(lines).as(when + ": commits since the old tip").isNotEmpty();
    List<String> lanes = new ArrayList<>();
    String parent = prepared.before;
    for (int i = 0; i < lines.size(); i++) {
      String[] ids = lines.get(i).split(" ");
      String commit = ids[0];
      assertThat(List.of(ids).subList(1, ids.length))
          .as(when + ": " + commit + " has one parent, the previous commit")
          .containsExactly(parent);
      String message = git("log", "-1", "--format=%B", commit);
      assertThat(message)
          .as(when + ": trailers of " + commit)
          .containsPattern("(?m)^Lane: \\S+$")
          .containsPattern("(?m)^Attempt: \\d+$")
          .containsPattern("(?m)^Agent: \\S+$")
          .containsPattern("(?m)^Gates: .+$");
      Matcher lane = Pattern.compile("(?m)^Lane: (\\S+)$").matcher(message);
      assertThat(lane.find()).isTrue();
      lanes.add(lane.group(1));
      Path tree = dir.resolve("check-" + commit.substring(0, 10));
      try {
        Files.createDirectories(tree);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(
              exit(
                  root,
                  Map.of(),
                  "sh",
                  "-c",
                  "git archive " + commit + " | tar -x -C '" + tree + "'"))
          .as("export " + commit)
          .isZero();
      assertThat(exit(tree, Map.of(), "sh", "-c", PreparedRepo.PATCH_GATE))
          .as(when + ": the patch gate on " + commit + " (" + lane.group(1) + ") alone")
          .isZero();
      if (i == lines.size() - 1) {
        assertThat(exit(tree, Map.of(), "sh", "-c", PreparedRepo.WAVE_GATE))
            .as(when + ": the wave gate on the tip " + commit)
            .isZero();
      }
      parent = commit;
    }
    assertThat(lanes)
        .as(when + ": the landed lanes, each once and only those that pass")
        .doesNotHaveDuplicates()
        .allMatch(PreparedRepo.LANDING::contains);
    return lanes;
  }

  // ---------------------------------------------------------------------------------------------
  // Promise 2: PLAN.md and ledger/ parse, and agree with the target.

  /** PLAN.md read: a kill at any moment of a write leaves it in place, old or new. */
  Plan assertPlanAndLedgerComplete(String when) {
    Path planFile = root.resolve("PLAN.md");
    assertThat(planFile).as(when + ": PLAN.md exists").isRegularFile();
    String text = read(planFile);
    PlanRead read = PlanReader.read(text, LocalDate.now(ZoneOffset.UTC));
    assertThat(read.problems()).as(when + ": problems in PLAN.md\n" + text).isEmpty();
    assertThat(text)
        .as(when + ": the person's part of PLAN.md is unchanged")
        .startsWith(prepared.personsPlan);
    assertThat(read.plan().board().stream().map(r -> r.lane().value()).toList())
        .as(when + ": Board rows")
        .containsExactlyElementsOf(PreparedRepo.LANES);

    Path ledger = root.resolve("ledger");
    try (Stream<Path> top = Files.list(ledger)) {
      for (Path laneDir : top.toList()) {
        assertThat(laneDir).as(when + ": only lane folders in ledger/").isDirectory();
        String lane = laneDir.getFileName().toString();
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(laneDir)) {
          for (Path f : files.sorted().toList()) {
            String name = f.getFileName().toString();
            Optional<LedgerFileName> parsed = LedgerNames.parse(name);
            assertThat(parsed).as(when + ": ledger file name " + f).isPresent();
            String entry = read(f);
            assertThat(entry).as(when + ": " + f + " is not empty").isNotBlank();
            assertThat(entry).as(when + ": " + f + " ends with a newline").endsWith("\n");
            Matcher title = TITLE.matcher(entry.lines().findFirst().orElse(""));
            assertThat(title.matches()).as(when + ": title of " + f).isTrue();
            assertThat(title.group(1).toLowerCase(java.util.Locale.ROOT))
                .as(when + ": kind in the title of " + f)
                .isEqualTo(parsed.get().kind().word());
            assertThat(title.group(2)).as(when + ": lane in " + f).isEqualTo(lane);
            numbers.add(parsed.get().number());
          }
        }
        List<Integer> expected = new ArrayList<>();
        for (int n = 1; n <= numbers.size(); n++) {
          expected.add(n);
        }
        assertThat(numbers).as(when + ": ledger/" + lane + " counts from 001").isEqualTo(expected);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    // What the Board says has happened has happened.
    Plan plan = read.plan();
    for (BoardRow row : plan.board()) {
      String lane = row.lane().value();
      boolean locked = plan.locks().stream().anyMatch(l -> l.lockId().startsWith(lane + "#"));
      switch (row.status()) {
        case INTEGRATED -> {
          assertThat(trailerCount(lane)).as(when + ": integrated " + lane + " is on main").isOne();
          assertThat(locked).as(when + ": integrated " + lane + " holds no lock").isFalse();
        }
        case REOPENED -> {
          assertThat(PreparedRepo.REOPENED).as(when + ": reopened " + lane).contains(lane);
          assertThat(locked).as(when + ": reopened " + lane + " holds no lock").isFalse();
          assertThat(entries(lane, "failure")).as(when + ": failure of " + lane).hasSize(1);
        }
        case HANDED_OFF -> assertThat(locked).as(when + ": " + lane + " keeps its lock").isTrue();
        default -> throw new AssertionError(when + ": " + lane + " is " + row.status().word());
      }
    }
    return plan;
  }

  // ---------------------------------------------------------------------------------------------
  // Promise 3: the next integrate finishes the job, landing nothing twice.

  /** The state after the job is done: two lanes landed once each, three reopened. */
  void assertFinishedExactlyOnce(String when) {
    List<String> landed = assertTargetWhereItWasOrGated(when);
    assertThat(landed).as(when + ": lanes on main").containsExactly("L-1", "L-4");
    Plan plan = assertPlanAndLedgerComplete(when);
    for (BoardRow row : plan.board()) {
      String lane = row.lane().value();
      BoardStatus expected =
          PreparedRepo.LANDING.contains(lane) ? BoardStatus.INTEGRATED : BoardStatus.REOPENED;
      assertThat(row.status()).as(when + ": Board status of " + lane).isEqualTo(expected);
    }
    assertThat(plan.locks()).as(when + ": no lock remains").isEmpty();
    for (String lane : PreparedRepo.LANES) {
      List<String> integrations = entries(lane, "integration");
      assertThat(integrations).as(when + ": integration entries of " + lane).hasSize(1);
      if (PreparedRepo.LANDING.contains(lane)) {
        String commit = git("log", "--format=%H", "--grep=^Lane: " + lane + "$", "main").strip();
        assertThat(integrations.get(0))
            .as(when + ": integration entry of " + lane)
            .contains("- Result: landed")
            .contains("- Commit: " + commit);
        assertThat(entries(lane, "failure")).as(when + ": failures of " + lane).isEmpty();
      } else {
        assertThat(integrations.get(0)).contains("- Result: dropped");
        assertThat(entries(lane, "failure")).as(when + ": failures of " + lane).hasSize(1);
        assertThat(trailerCount(lane)).as(when + ": " + lane + " on main").isZero();
      }
    }
    assertCheckoutMatchesTarget(when);
  }

  /**
   * The person's checkout has main checked out and its files are main's, but for PLAN.md (whose
   * tables lanes writes) and the untracked ledger/: nothing half-updated.
   */
  void assertCheckoutMatchesTarget(String when) {
    assertThat(git("symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/main");
    assertThat(git("diff", "--name-only", "HEAD").lines().toList())
        .as(when + ": tracked files of the checkout that differ from main")
        .allMatch(f -> f.equals("PLAN.md"));
    assertThat(git("ls-files", "--others", "--exclude-standard").lines().toList())
        .as(when + ": untracked files in the checkout")
        .allMatch(f -> f.startsWith("ledger/"));
  }

  /** How many commits since the old tip carry {@code Lane: <lane>}. */
  int trailerCount(String lane) {
    String log = git("log", "--format=%(trailers:key=Lane,valueonly)", prepared.before + "..main");
    return (int) log.lines().filter(l -> l.strip().equals(lane)).count();
  }

  /** The lane's ledger entries of one kind, oldest first. */
  List<String> entries(String lane, String kind) {
    Path laneDir = root.resolve("ledger").resolve(lane);
    if (!Files.isDirectory(laneDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(laneDir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("-" + kind + ".md"))
          .sorted()
          .map(RepoCopy::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lanes that hold a landed integration entry. */
  Set<String> recordedLanded() {
    Set<String> out = new HashSet<>();
    for (String lane : PreparedRepo.LANES) {
      if (entries(lane, "integration").stream().anyMatch(e -> e.contains("- Result: landed"))) {
        out.add(lane);
      }
    }
    return out;
  }

  String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    StringBuilder out = new StringBuilder();
    int code = run(root, Map.of(), out, command.toArray(String[]::new));
    assertThat(code).as("git " + String.join(" ", args) + ": " + out).isZero();
    return out.toString();
  }

  private int exit(Path where, Map<String, String> env, String... command) {
    return run(where, env, new StringBuilder(), command);
  }

  private int run(Path where, Map<String, String> env, StringBuilder output, String... command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(where.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("LANES_") || k.startsWith("GIT_"));
    pb.environment().put("HOME", prepared.home.toString());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      output.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
      return p.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().filter(c -> c.endsWith("java")).orElse("java");
  }
}
