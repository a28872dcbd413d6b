package dev.lanes.integrate;

import static dev.lanes.testing.RunAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.BoardRow;
import dev.lanes.plan.BoardStatus;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.Plan;
import dev.lanes.store.PlanStore;
import dev.lanes.testing.Fixtures;
import dev.lanes.testing.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A managed repository for integration stories: lanes are handed off by really running {@code lanes
 * dispatch} with one small shell script per lane as its agent, and gates are shell commands that
 * fail on content the test chooses.
 */
final class Scenario {
  /** The patch gate: fails when any file under src/ says BROKEN. */
  static final String PATCH_GATE = "! grep -rq BROKEN src";

  /** The wave gate: fails only when src/x.txt and src/y.txt both exist. */
  static final String WAVE_GATE = "! { [ -e src/x.txt ] && [ -e src/y.txt ]; }";

  final TestRepo repo;
  private final Path agents;

  private Scenario(TestRepo repo, Path agents) {
    this.repo = repo;
    this.agents = agents;
  }

  /** A repository with {@code src/base.txt}, the given lanes and the two gates, committed. */
  static Scenario create(Path tmp, String lanes) {
    return create(tmp, lanes, "");
  }

  /** Like {@link #create(Path, String)} with more settings under ## Integration. */
  static Scenario create(Path tmp, String lanes, String integrationSettings) {
    return create(tmp, lanes, integrationSettings, "");
  }

  /** Like {@link #create(Path, String, String)} with more rows for the gates table. */
  static Scenario create(Path tmp, String lanes, String integrationSettings, String gateRows) {
    try {
      TestRepo repo = TestRepo.init(tmp);
      Path agents = Files.createDirectories(tmp.resolve("agents"));
      Scenario s = new Scenario(repo, agents);
      repo.write("AGENTS.md", agentsMd(agents, integrationSettings, gateRows));
      repo.write("PLAN.md", Fixtures.plan(lanes));
      repo.write("src/base.txt", "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n");
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String agentsMd(Path agents, String integrationSettings, String gateRows) {
    String text =
        Fixtures.AGENTS
            .replace(
                "| 1 | unit | `true` | lane, patch | 5m |\n| 2 | full | `true` | wave | 30m |",
                "| 1 | no broken | `"
                    + PATCH_GATE
                    + "` | patch | 5m |\n| 2 | not x and y | `"
                    + WAVE_GATE
                    + "` | wave | 5m |\n"
                    + gateRows)
            .replace("`sh ./agent.sh {lane} {prompt_file}`", "`sh " + agents + "/{lane}.sh`")
            .replace("- target: main\n", "- target: main\n" + integrationSettings);
    assertThat(text).contains(PATCH_GATE).contains(agents.toString());
    return text;
  }

  /**
   * A repository with one lane, L-1 on {@code src/one.txt}, whose worker runs {@code script}:
   * committed and dispatched, so L-1 is handed off.
   */
  static Scenario oneLaneHandedOff(Path tmp, String script) {
    Scenario s =
        create(tmp, Fixtures.lane("L-1", "src/one.txt", "")).agent("L-1", script).commitBase();
    s.dispatch();
    return s;
  }

  /** The shell script lane {@code lane}'s worker runs in its worktree. */
  Scenario agent(String lane, String script) {
    try {
      Files.writeString(agents.resolve(lane + ".sh"), script, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits everything as the starting point; returns this. */
  Scenario commitBase() {
    repo.commit("base");
    return this;
  }

  /** Runs {@code lanes dispatch} and checks every lane it ran was handed off. */
  void dispatch(String... lanes) {
    List<String> args = new ArrayList<>(List.of("dispatch"));
    args.addAll(List.of(lanes));
    TestRepo.Run run = repo.lanes(args.toArray(String[]::new));
    assertThat(run).succeeded();
  }

  TestRepo.Run integrate(String... more) {
    List<String> args = new ArrayList<>(List.of("integrate"));
    args.addAll(List.of(more));
    return repo.lanes(args.toArray(String[]::new));
  }

  /** A commit a person makes on main in their checkout, of these files only. */
  void personCommits(String message, String... pathsAndTexts) {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      repo.write(pathsAndTexts[i], pathsAndTexts[i + 1]);
      paths.add(pathsAndTexts[i]);
    }
    List<String> add = new ArrayList<>(List.of("add", "--"));
    add.addAll(paths);
    repo.git(add.toArray(String[]::new));
    List<String> commit = new ArrayList<>(List.of("commit", "-q", "-m", message, "--"));
    commit.addAll(paths);
    repo.git(commit.toArray(String[]::new));
  }

  String tip() {
    return repo.git("rev-parse", "refs/heads/main").strip();
  }

  Plan plan() {
    return new PlanStore(repo.root(), Clock.systemUTC()).read();
  }

  BoardStatus status(String lane) {
    return plan().board().stream()
        .filter(r -> r.lane().equals(new LaneId(lane)))
        .map(BoardRow::status)
        .findFirst()
        .orElseThrow();
  }

  /** The lane's ledger entries of one kind, oldest first, as text. */
  List<String> entries(String lane, String kind) {
    Path dir = repo.root().resolve("ledger").resolve(lane);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("-" + kind + ".md"))
          .sorted()
          .map(
              f -> {
                try {
                  return Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commits main moved through after {@code from}, oldest first. */
  List<String> commitsSince(String from) {
    String out = repo.git("rev-list", "--reverse", from + "..refs/heads/main").strip();
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  /** A commit's message body, trailers included. */
  String message(String commit) {
    return repo.git("log", "-1", "--format=%B", commit);
  }

  /**
   * The invariant of every story: each commit main moved through since {@code from} passes the
   * patch gate when checked out on its own, and main's tip passes the wave gate.
   */
  void assertEveryCommitPassesItsGates(String from) {
    List<String> commits = commitsSince(from);
    for (int i = 0; i < commits.size(); i++) {
      String c = commits.get(i);
      Path dir = repo.root().getParent().resolve("check-" + c.substring(0, 10));
      repo.git("worktree", "add", "-q", "--detach", dir.toString(), c);
      try {
        assertThat(sh(dir, PATCH_GATE).exit()).as("patch gate on " + c).isZero();
        if (i == commits.size() - 1) {
          assertThat(sh(dir, WAVE_GATE).exit()).as("wave gate on the tip " + c).isZero();
        }
        assertThat(message(c))
            .as("trailers of " + c)
            .containsPattern("(?m)^Lane: \\S+$")
            .containsPattern("(?m)^Attempt: \\d+$")
            .containsPattern("(?m)^Agent: \\S+$")
            .containsPattern("(?m)^Gates: .+$");
      } finally {
        repo.git("worktree", "remove", "--force", dir.toString());
      }
    }
  }

  /** What {@code sh -c command} printed (both streams) and its exit code. */
  record Shell(int exit, String output) {}

  static Shell sh(Path dir, String command) {
    try {
      Process p =
          new ProcessBuilder("sh", "-c", command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      return new Shell(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
