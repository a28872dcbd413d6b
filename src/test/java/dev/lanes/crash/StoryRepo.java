package dev.lanes.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.testing.Fixtures;
import dev.lanes.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The managed repository {@link RandomKillIT} drives to the end, prepared once and copied per
 * sequence: four lanes over two waves, each of which goes wrong once in its own way on its first
 * attempt, so that every command a person runs gets its turn:
 *
 * <ul>
 *   <li>L-1 (wave 1) goes straight through;
 *   <li>L-2 (wave 1) writes BROKEN: its lane gate fails, and {@code lanes resume} runs it again;
 *   <li>L-3 (wave 2, after L-1) writes UNREVIEWED, which only the patch gate catches: {@code lanes
 *       integrate} reopens it and the next {@code lanes dispatch} runs it again;
 *   <li>L-4 (wave 2, after L-1) leaves its file without a final newline, which only the wave gate
 *       catches: the integrator bisects the wave, reopens it, and it is dispatched again.
 * </ul>
 *
 * <p>Untouched, the story is {@code dispatch} (L-2 fails), {@code resume L-2}, {@code integrate}
 * (L-1, L-2 land), {@code dispatch}, {@code integrate} (L-3 and L-4 reopened), {@code dispatch},
 * {@code integrate}.
 */
final class StoryRepo {
  static final List<String> LANES = List.of("L-1", "L-2", "L-3", "L-4");

  /** The variable that marks every process of one sequence: its folder. */
  static final String MARKER = "KILLTEST_CASE";

  /** The variable that seeds the agents' working times. */
  static final String SEED = "KILLTEST_SEED";

  static final String LANE_GATE = "! grep -rq BROKEN src";
  static final String PATCH_GATE = "! grep -rq UNREVIEWED src";
  static final String WAVE_GATE =
      "for f in src/*; do test -z \"$(tail -c1 \"$f\")\" || exit 1; done";

  /**
   * The worker of every lane, run as {@code sh agent.sh} in the lane's worktree. It works for 0.1
   * to 0.6 s (in steps, so that kills land mid-work), then writes its lane's file. Two things make
   * it a witness as well as a worker:
   *
   * <ul>
   *   <li>As it starts it looks for another attempt of its lane still running (each attempt leaves
   *       its pid in the case folder) and, finding one, says so in {@code overlaps.txt}: two
   *       attempts of one lane must never run at once.
   *   <li>A real agent works for minutes, so one whose lanes process was killed would still be at
   *       work when the person runs the next command. These work for a fraction of a second to keep
   *       the test fast; so that an orphan is still there to be seen, one that finds its lanes
   *       process gone (no {@code lanes.jar} among its ancestors) works on for 20 s more, as a real
   *       one would.
   * </ul>
   */
  static final String AGENT =
      """
      lane=$LANES_LANE
      attempt=$LANES_ATTEMPT
      case_dir=$KILLTEST_CASE
      mkdir -p "$case_dir/attempts"
      for f in "$case_dir/attempts/$lane".*; do
        [ -e "$f" ] || continue
        other=${f##*.}
        [ "$other" = "$attempt" ] && continue
        pid=$(cat "$f")
        vars=$(tr '\\0' '\\n' < "/proc/$pid/environ" 2>/dev/null)
        if printf '%s\\n' "$vars" | grep -qx "LANES_LANE=$lane" \\
          && printf '%s\\n' "$vars" | grep -qx "LANES_ATTEMPT=$other"; then
          echo "$lane attempt $attempt started while attempt $other (pid $pid) still ran" \\
            >> "$case_dir/overlaps.txt"
        fi
      done
      echo $$ > "$case_dir/attempts/$lane.$attempt"

      lanes_alive() {
        p=$$
        while [ -n "$p" ] && [ "$p" -gt 1 ]; do
          tr '\\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q 'lanes[.]jar' && return 0
          p=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f2)
        done
        return 1
      }

      steps=$(( (${KILLTEST_SEED:-0} + attempt * 7 + ${lane#L-} * 13) % 6 + 1 ))
      i=0
      while [ $i -lt $steps ]; do sleep 0.1; i=$((i + 1)); done
      lanes_alive || sleep 20

      mkdir -p src
      case "$lane:$attempt" in
        L-1:*) printf 'one\\n' > src/one.txt ;;
        L-2:1) printf 'two, BROKEN\\n' > src/two.txt ;;
        L-2:*) printf 'two\\n' > src/two.txt ;;
        L-3:1) printf 'three, UNREVIEWED\\n' > src/three.txt ;;
        L-3:*) printf 'three\\n' > src/three.txt ;;
        L-4:1) printf 'four, no newline' > src/four.txt ;;
        L-4:*) printf 'four\\n' > src/four.txt ;;
      esac
      """;

  /** The person's PLAN.md: prose before the lanes, the two tables, and notes after them. */
  static String plan() {
    String afterL1 = "- depends-on: L-1\n";
    return "# Plan\n\n"
        + "The person's words, with a trailing space \nand some unicode: café, 日本語, ✓.\n\n"
        + "## Lanes\n\n"
        + Fixtures.lane("L-1", "src/one.txt", "")
        + Fixtures.lane("L-2", "src/two.txt", "")
        + Fixtures.lane("L-3", "src/three.txt", afterL1)
        + Fixtures.lane("L-4", "src/four.txt", afterL1)
        + Fixtures.TABLES
        + "\n## Notes\n\n- The person's notes after the tables stay as they are.\n\tA tab, too.\n";
  }

  final Path root;
  final Path home;
  final Path agent;

  private StoryRepo(Path root, Path home, Path agent) {
    this.root = root;
    this.home = home;
    this.agent = agent;
  }

  static StoryRepo prepare(Path dir) throws IOException {
    TestRepo repo = TestRepo.init(dir);
    Path agent = dir.resolve("agent.sh");
    Files.writeString(agent, AGENT, StandardCharsets.UTF_8);
    repo.write("AGENTS.md", agents(agent))
        .write("PLAN.md", plan())
        .write("src/base.txt", "base\n")
        .commit("base");
    return new StoryRepo(repo.root(), dir.resolve("home"), agent);
  }

  /** AGENTS.md with the three gates, and the agent script as the agent lanes runs by default. */
  static String agents(Path agent) {
    String agents =
        Fixtures.AGENTS
            .replace(
                "| 1 | unit | `true` | lane, patch | 5m |\n| 2 | full | `true` | wave | 30m |",
                "| 1 | not broken | `"
                    + LANE_GATE
                    + "` | lane, patch | 1m |\n| 2 | reviewed | `"
                    + PATCH_GATE
                    + "` | patch | 1m |\n| 3 | whole lines | `"
                    + WAVE_GATE
                    + "` | wave | 1m |")
            .replace("`sh ./agent.sh {lane} {prompt_file}`", "`sh " + agent + "`");
    assertThat(agents).contains(WAVE_GATE).contains(agent.toString());
    return agents;
  }

  /** Copies the repository, .git included, to {@code dir/repo}; returns the copy's root. */
  Path copyTo(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path copy = dir.resolve("repo");
    Process cp = new ProcessBuilder("cp", "-a", root.toString(), copy.toString()).start();
    assertThat(cp.waitFor()).as("cp -a").isZero();
    return copy;
  }
}
