package dev.lanes.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Main;
import dev.lanes.markdown.PlanRead;
import dev.lanes.markdown.PlanReader;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.Lane;
import dev.lanes.plan.Located;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes demo}, run in-process once into a temporary folder, read as a user would. */
class DemoCommandTest {
  @TempDir static Path tmp;
  static Path repo;
  static Run demo;

  record Run(int exitCode, String out, String err) {}

  static Run lanes(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void runTheDemo() {
    repo = tmp.resolve("demo");
    demo = lanes("demo", "--dir", repo.toString());
  }

  @Test
  void runsAsDesignedAndShowsEachStep() {
    assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
    assertThat(demo.out())
        .contains("# Repository: " + repo)
        .contains("$ lanes validate")
        .contains("$ lanes waves")
        .contains("$ lanes dispatch")
        .contains("$ lanes resume L-5")
        .contains("$ lanes integrate")
        .contains("$ git log")
        .contains("$ lanes status")
        .contains("$ ls ledger/*")
        .contains("The demo ran as designed")
        .contains("L-5's gate failure was part of the story")
        .contains("rm -rf " + repo);
    assertThat(demo.out().indexOf("$ lanes validate"))
        .isLessThan(demo.out().indexOf("$ lanes waves"));
    assertThat(demo.out().indexOf("$ lanes waves"))
        .isLessThan(demo.out().indexOf("$ lanes dispatch"));
    assertThat(demo.out().indexOf("$ lanes status")).isGreaterThan(demo.out().indexOf("$ git log"));
    assertThat(repo).isDirectory(); // --keep is the default
  }

  @Test
  void thePlanParsesWithFiveLanesTwoConflictingOneDependent() throws IOException {
    PlanRead read = PlanReader.read(read(repo.resolve("PLAN.md")), LocalDate.now(ZoneOffset.UTC));
    assertThat(read.problems()).isEmpty();
    Map<String, Lane> lanes =
        read.plan().lanes().stream()
            .collect(Collectors.toMap(l -> l.id().value(), Function.identity()));
    assertThat(read.plan().lanes())
        .extracting(l -> l.id().value())
        .containsExactly("L-1", "L-2", "L-3", "L-4", "L-5");
    assertThat(lanes.get("L-4").dependsOn()).extracting(Located::value).containsExactly("L-1");
    // The waves step puts the two overlapping lanes apart and the dependent lane after L-1.
    Map<String, Integer> wave = waves(demo.out());
    assertThat(wave).containsKeys("L-1", "L-2", "L-3", "L-4", "L-5");
    assertThat(wave.get("L-2")).isNotEqualTo(wave.get("L-3"));
    assertThat(wave.get("L-4")).isGreaterThan(wave.get("L-1"));
    assertThat(read(repo.resolve("AGENTS.md")))
        .contains("| demo | `sh ")
        .contains("## Worklog", "## Locks", "## Integration", "## Approvals", "## Gates")
        .contains("## Workers", "## Agents");
  }

  @Test
  void theLedgerHasDispatchAndHandoffEntriesAndTheWorkersCheckpoint() throws IOException {
    List<String> ran = DemoFiles.LANES;
    for (String lane : ran) {
      assertThat(entries(lane))
          .as(lane)
          .contains("001-dispatch.md")
          .anyMatch(f -> f.endsWith("-handoff.md"));
    }
    assertThat(entries("L-1"))
        .as("the scripted agent called lanes checkpoint")
        .anyMatch(f -> f.endsWith("-checkpoint.md"));
    String checkpoint =
        read(
            repo.resolve("ledger/L-1")
                .resolve(
                    entries("L-1").stream()
                        .filter(f -> f.endsWith("-checkpoint.md"))
                        .findFirst()
                        .get()));
    assertThat(checkpoint).contains("calc/sub.sh prints the difference");
  }

  @Test
  void theFailingLaneFailedItsGateThenItsSecondAttemptWasHandedOn() throws IOException {
    List<String> l5 = entries("L-5");
    assertThat(l5).containsSubsequence("001-dispatch.md", "002-failure.md");
    String failure = read(repo.resolve("ledger/L-5/002-failure.md"));
    assertThat(failure)
        .contains("unit tests")
        .contains("sh test/run.sh")
        .contains("expected 24, got 0");
    BoardRow row =
        PlanReader.read(read(repo.resolve("PLAN.md")), LocalDate.now(ZoneOffset.UTC))
            .plan()
            .board()
            .stream()
            .filter(r -> r.lane().value().equals("L-5"))
            .findFirst()
            .orElseThrow();
    assertThat(row.attempt()).isEqualTo(2);
    assertThat(row.status()).isEqualTo(BoardStatus.INTEGRATED);
  }

  @Test
  void theTargetBranchHasOneCommitPerLandedLaneWithItsTrailers() throws Exception {
    List<String> lanesOnMain = new ArrayList<>();
    Matcher m =
        Pattern.compile("(?m)^Lane: (\\S+)$")
            .matcher(git("log", "--format=%(trailers:key=Lane)", "main"));
    while (m.find()) {
      lanesOnMain.add(m.group(1));
    }
    assertThat(lanesOnMain).containsExactlyInAnyOrderElementsOf(DemoFiles.LANES);
    assertThat(git("log", "-1", "--format=%an <%ae>", "main"))
        .isEqualTo("lanes demo <demo@lanes.localhost>\n");
    assertThat(git("status", "--porcelain", "--untracked-files=no", "--", "calc", "docs", "test"))
        .as("the person's checkout of the project is untouched by workers")
        .isEmpty();
  }

  @Test
  void aFolderThatIsNotEmptyIsBadUsage() throws IOException {
    Path full = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(full.resolve("keep.txt"), "mine\n");
    Run run = lanes("demo", "--dir", full.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("is not empty");
    assertThat(full.resolve("keep.txt")).hasContent("mine");
  }

  @Test
  void noKeepDeletesTheRepositoryAfterTheStory() {
    Path gone = tmp.resolve("gone");
    Run run = lanes("demo", "--dir", gone.toString(), "--no-keep");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("$ lanes dispatch").contains("Deleted " + gone);
    assertThat(gone).doesNotExist();
  }

  @Test
  void helpHasAnExample() {
    Run run = lanes("demo", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--dir").contains("--[no-]keep").contains("lanes demo --dir");
  }

  private static Map<String, Integer> waves(String out) {
    Map<String, Integer> wave = new java.util.HashMap<>();
    Matcher m = Pattern.compile("(?m)^wave (\\d+): (.*)$").matcher(out);
    while (m.find()) {
      for (String id : m.group(2).split(",\\s*")) {
        wave.put(id.trim(), Integer.parseInt(m.group(1)));
      }
    }
    return wave;
  }

  private static List<String> entries(String lane) throws IOException {
    Path dir = repo.resolve("ledger").resolve(lane);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return text;
  }
}
