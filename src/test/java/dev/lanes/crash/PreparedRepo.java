package dev.lanes.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.Main;
import dev.lanes.testing.Fixtures;
import dev.lanes.testing.TestRepo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A managed repository prepared once, by really running {@code lanes dispatch}, with five
 * handed-off lanes over two waves: in wave 1 L-1 lands, L-2 fails the patch gate and L-3 conflicts
 * with a person's later commit; in wave 2 (both depend on L-1) L-4 lands and L-5 breaks the wave
 * gate together with L-1, so bisection reopens it. Each crash case works on a copy of it.
 */
final class PreparedRepo {
  /** The patch gate: fails when a file under src/ says BROKEN; sleeps first if asked to. */
  static final String PATCH_GATE =
      "if [ -n \"$LANES_IT_SLEEP\" ]; then sleep \"$LANES_IT_SLEEP\"; fi; ! grep -rq BROKEN src";

  /** The wave gate: fails only when src/x.txt and src/y.txt both exist. */
  static final String WAVE_GATE = "! { [ -e src/x.txt ] && [ -e src/y.txt ]; }";

  static final List<String> LANES = List.of("L-1", "L-2", "L-3", "L-4", "L-5");
  static final Set<String> LANDING = Set.of("L-1", "L-4");
  static final Set<String> REOPENED = Set.of("L-2", "L-3", "L-5");

  final Path root;
  final Path home;

  /** The target's tip before any integration: the person's commit after the dispatch. */
  final String before;

  /** PLAN.md up to {@code ## Locks}: the person's part, which lanes must keep byte for byte. */
  final String personsPlan;

  private PreparedRepo(Path root, Path home, String before, String personsPlan) {
    this.root = root;
    this.home = home;
    this.before = before;
    this.personsPlan = personsPlan;
  }

  static PreparedRepo prepare(Path dir) throws IOException {
    TestRepo repo = TestRepo.init(dir);
    Path agents = Files.createDirectories(dir.resolve("agents"));
    write(agents.resolve("L-1.sh"), "echo x > src/x.txt\n");
    write(agents.resolve("L-2.sh"), "echo 'this is BROKEN' > src/two.txt\n");
    write(agents.resolve("L-3.sh"), "sed -i 's/^a3$/lane-a3/' src/a.txt\n");
    write(agents.resolve("L-4.sh"), "echo four > src/four.txt\n");
    write(agents.resolve("L-5.sh"), "echo y > src/y.txt\n");
    String agentsMd =
        Fixtures.AGENTS
            .replace(
                "| 1 | unit | `true` | lane, patch | 5m |\n| 2 | full | `true` | wave | 30m |",
                "| 1 | no broken | `"
                    + PATCH_GATE
                    + "` | patch | 5m |\n| 2 | not x and y | `"
                    + WAVE_GATE
                    + "` | wave | 5m |")
            .replace("`sh ./agent.sh {lane} {prompt_file}`", "`sh " + agents + "/{lane}.sh`");
    assertThat(agentsMd).contains(PATCH_GATE).contains(agents.toString());
    String afterL1 = "- depends-on: L-1\n";
    repo.write("AGENTS.md", agentsMd)
        .write(
            "PLAN.md",
            Fixtures.plan(
                Fixtures.lane("L-1", "src/x.txt", "")
                    + Fixtures.lane("L-2", "src/two.txt", "")
                    + Fixtures.lane("L-3", "src/a.txt", "")
                    + Fixtures.lane("L-4", "src/four.txt", afterL1)
                    + Fixtures.lane("L-5", "src/y.txt", afterL1)))
        .write("src/a.txt", "a1\na2\na3\na4\na5\na6\n")
        .write("src/base.txt", "base\n")
        .commit("base");

    // Named lanes are dispatched regardless of their dependencies; the Board keeps their waves.
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "dispatch",
            "--repo",
            repo.root().toString(),
            "L-1",
            "L-2",
            "L-3",
            "L-4",
            "L-5");
    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(repo.read("PLAN.md"))
        .contains("| L-1 | handed-off | 1 |")
        .contains("| L-4 | handed-off | 2 |")
        .contains("| L-5 | handed-off | 2 |");

    // The person then edits the line L-3 edits, so L-3's patch conflicts.
    repo.write("src/a.txt", "a1\na2\nperson-a3\na4\na5\na6\n");
    repo.git("commit", "-q", "-m", "person's edit", "--", "src/a.txt");
    String before = repo.git("rev-parse", "refs/heads/main").strip();
    String plan = repo.read("PLAN.md");
    return new PreparedRepo(
        repo.root(), dir.resolve("home"), before, plan.substring(0, plan.indexOf("## Locks")));
  }

  /**
   * Copies the repository, .git and .lanes included, to {@code dir/repo}, and points the copied
   * lane worktrees and their .git/worktrees entries at each other (git keeps absolute paths).
   */
  RepoCopy copyTo(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path copy = dir.resolve("repo");
    Process cp = new ProcessBuilder("cp", "-a", root.toString(), copy.toString()).start();
    assertThat(cp.waitFor()).as("cp -a").isZero();
    Path entries = copy.resolve(".git/worktrees");
    if (Files.isDirectory(entries)) {
      try (Stream<Path> list = Files.list(entries)) {
        for (Path entry : list.toList()) {
          retarget(entry.resolve("gitdir"), copy);
          Path worktree =
              Path.of(Files.readString(entry.resolve("gitdir"), StandardCharsets.UTF_8).strip())
                  .getParent();
          retarget(worktree.resolve(".git"), copy);
        }
      }
    }
    return new RepoCopy(this, copy, dir);
  }

  private void retarget(Path file, Path copy) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).as(file.toString()).contains(root.toString());
    write(file, text.replace(root.toString(), copy.toString()));
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
