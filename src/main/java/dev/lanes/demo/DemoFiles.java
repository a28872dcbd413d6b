package dev.lanes.demo;

import dev.lanes.init.GuessedGate;
import dev.lanes.init.StarterFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The texts of the demo repository: a tiny calculator in POSIX sh whose tests really run, a PLAN.md
 * of five lanes, an AGENTS.md whose first agent is the scripted one, and that agent.
 *
 * <p>The lanes are chosen to show each part of the loop: L-2 and L-3 both write {@code
 * docs/usage.md}, so they go in different waves; L-4 depends on L-1; and L-5's first attempt breaks
 * multiplication, so the unit-test gate stops it (its second attempt, after {@code lanes resume},
 * is right).
 */
public final class DemoFiles {

  /** The lanes of the demo plan, in PLAN.md order. */
  public static final List<String> LANES = List.of("L-1", "L-2", "L-3", "L-4", "L-5");

  /** The lane whose first attempt fails a gate, on purpose. */
  public static final String FAILING_LANE = "L-5";

  /** The lane that depends on another ({@link #DEPENDENCY}). */
  public static final String DEPENDENT_LANE = "L-4";

  /** The lane {@link #DEPENDENT_LANE} depends on. */
  public static final String DEPENDENCY = "L-1";

  /** The two lanes whose scopes overlap. */
  public static final List<String> CONFLICTING_LANES = List.of("L-2", "L-3");

  /** The lane whose worker records a checkpoint by calling {@code lanes checkpoint}. */
  public static final String CHECKPOINT_LANE = "L-1";

  /** The name of the gate that the failing lane fails. */
  public static final String UNIT_GATE = "unit tests";

  private DemoFiles() {}

  /** The small project, path to text, committed as the first commit. */
  public static Map<String, String> project() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "README.md",
        """
        # calc

        A tiny calculator in POSIX sh, the sample project of `lanes demo`.

        Run the tests with `sh test/run.sh`.
        """);
    files.put(
        "calc/add.sh",
        """
        #!/bin/sh
        # Prints the sum of two whole numbers: sh calc/add.sh 2 3
        echo $(( $1 + $2 ))
        """);
    files.put(
        "calc/mul.sh",
        """
        #!/bin/sh
        # Prints the product of two whole numbers: sh calc/mul.sh 4 5
        echo $(( $1 * $2 ))
        """);
    files.put(
        "docs/usage.md",
        """
        # Usage

        - `sh calc/add.sh A B` prints A + B
        - `sh calc/mul.sh A B` prints A * B
        """);
    files.put(
        "docs/old-notes.md",
        """
        # Old notes

        The calculator once had a Perl version. It is gone; this page is obsolete.
        """);
    files.put(
        "test/run.sh",
        """
        #!/bin/sh
        # The tests: each line of test/*.t is "<command> <arguments...> <expected output>".
        cd "$(dirname "$0")/.." || exit 2
        pass=0
        fail=0
        for t in test/*.t; do
          while read -r line; do
            case "$line" in '' | '#'*) continue ;; esac
            set -- $line
            cmd=$1
            shift
            args=""
            want=""
            for word in "$@"; do
              if [ -n "$want" ]; then args="$args $want"; fi
              want=$word
            done
            got=$(sh "calc/$cmd.sh" $args 2>&1)
            if [ "$got" = "$want" ]; then
              pass=$((pass + 1))
            else
              fail=$((fail + 1))
              echo "FAIL $t: $cmd$args: expected $want, got $got"
            fi
          done <"$t"
        done
        echo "tests: $pass passed, $fail failed"
        [ "$fail" -eq 0 ]
        """);
    files.put(
        "test/lint.sh",
        """
        #!/bin/sh
        # Checks the syntax of every script.
        cd "$(dirname "$0")/.." || exit 2
        for f in calc/*.sh test/*.sh; do
          sh -n "$f" || exit 1
        done
        echo "syntax: every script parses"
        """);
    files.put("test/add.t", "add 2 3 5\nadd 10 -4 6\n");
    files.put("test/mul.t", "mul 4 5 20\nmul 3 0 0\n");
    return files;
  }

  /** PLAN.md: five lanes with their context prose, and the empty Locks and Board tables. */
  public static String plan() {
    return """
        # Plan

        The demo project is a calculator in POSIX sh. These five lanes grow it; `lanes demo` \
        runs them with its scripted agent.

        ## Lanes

        ### L-1: Subtraction
        - scope: `calc/sub.sh`, `test/sub.t`
        - tests: `sh test/run.sh`
        - acceptance:
          - [ ] `sh calc/sub.sh 7 2` prints 5
          - [ ] test/sub.t covers it

        Write calc/sub.sh in the style of calc/add.sh. Record a checkpoint with \
        `lanes checkpoint` once the script works.

        ### L-2: Document every command
        - scope: `docs/**`
        - tests: `sh test/run.sh`
        - acceptance:
          - [ ] docs/usage.md lists add, sub, mul and div
          - [ ] the obsolete docs/old-notes.md is gone

        L-3 writes docs/usage.md too, so lanes puts these two lanes in different waves.

        ### L-3: Show the usage in the README
        - scope: `README.md`, `docs/usage.md`
        - tests: `sh test/run.sh`
        - acceptance:
          - [ ] README.md shows a first session
          - [ ] docs/usage.md points back to README.md

        ### L-4: Division
        - scope: `calc/div.sh`, `test/div.t`
        - depends-on: L-1
        - tests: `sh test/run.sh`
        - acceptance:
          - [ ] `sh calc/div.sh 7 2` prints 3
          - [ ] dividing by zero is an error, not an endless loop

        Divide by repeated subtraction with calc/sub.sh, which L-1 adds: this lane waits until \
        L-1 is integrated.

        ### L-5: Multiply any number of factors
        - scope: `calc/mul.sh`, `test/mul.t`
        - tests: `sh test/run.sh`
        - acceptance:
          - [ ] `sh calc/mul.sh 2 3 4` prints 24
          - [ ] `sh calc/mul.sh 4 5` still prints 20

        The scripted agent gets this wrong on its first attempt (the product starts at 0), so \
        the unit-test gate stops the lane: the planned failure of the demo. Its second attempt, \
        run by `lanes resume L-5` with the failure in its prompt, starts the product at 1.

        ## Locks

        %s
        ## Board

        %s"""
        .formatted(StarterFiles.LOCKS_TABLE, StarterFiles.BOARD_TABLE);
  }

  /**
   * AGENTS.md: the starter policy of {@code lanes init} with the demo's real gates, and the
   * scripted agent as the first (default) row of the agents table.
   *
   * @param agentCommand the shell command that runs the scripted agent
   */
  public static String agents(String agentCommand) {
    String text =
        StarterFiles.agentsMd(
            List.of(
                new GuessedGate(UNIT_GATE, "sh test/run.sh", "lane, patch", "1m"),
                new GuessedGate(
                    "syntax and all tests", "sh test/lint.sh && sh test/run.sh", "wave", "2m")),
            List.of(),
            Optional.of("main"));
    // The starter text says its gates were guessed; here they were written for the demo.
    text =
        text.replace(
            "`lanes init` guessed these gates from the build files it found: check them before the"
                + " first dispatch.",
            "`lanes demo` wrote these gates for its calculator: gate 1 runs the tests, gate 2 also"
                + " checks the syntax of every script.");
    String header = "| agent | command |\n|---|---|\n";
    return text.replace(header, header + "| demo | `" + agentCommand + "` |\n");
  }

  /**
   * The scripted agent: a shell script that makes each lane's planned edits in its worktree.
   *
   * @param lanesCommand the shell words that start lanes itself (for {@code lanes checkpoint})
   */
  public static String agentScript(String lanesCommand) {
    return """
        #!/bin/sh
        # The scripted agent of `lanes demo`. lanes runs it in the lane's worktree with
        # LANES_LANE, LANES_ATTEMPT, LANES_PROMPT_FILE and LANES_HANDOFF_FILE set; it makes the
        # lane's planned edits the way a coding agent would, and writes a handoff file.
        lanes() { %s "$@"; }
        say() { echo "[demo agent] $*"; }
        think() { sleep 0.3 2>/dev/null || sleep 1; }

        say "lane $LANES_LANE, attempt $LANES_ATTEMPT, in $(basename "$PWD")"
        say "assignment: $(grep -m 1 '^#' "$LANES_PROMPT_FILE")"
        think
        case "$LANES_LANE" in
        L-1)
          say "writing calc/sub.sh"
          cat >calc/sub.sh <<'EOF'
        #!/bin/sh
        # Prints the difference of two whole numbers: sh calc/sub.sh 7 2
        echo $(( $1 - $2 ))
        EOF
          lanes checkpoint --lane L-1 --done "calc/sub.sh prints the difference" \\
            --next "cover it in test/sub.t"
          think
          say "adding test/sub.t"
          printf 'sub 7 2 5\\nsub 2 7 -5\\n' >test/sub.t
          sh test/run.sh
          ;;
        L-2)
          say "rewriting docs/usage.md, adding docs/examples.md, deleting docs/old-notes.md"
          cat >docs/usage.md <<'EOF'
        # Usage

        Each command takes whole numbers and prints one.

        - `sh calc/add.sh A B` prints A + B
        - `sh calc/sub.sh A B` prints A - B
        - `sh calc/mul.sh A B ...` prints the product of all its arguments
        - `sh calc/div.sh A B` prints the whole quotient of A by B
        EOF
          cat >docs/examples.md <<'EOF'
        # Examples

            $ sh calc/add.sh 2 3
            5
            $ sh calc/mul.sh 2 3 4
            24
        EOF
          rm -f docs/old-notes.md
          think
          ;;
        L-3)
          say "showing a first session in README.md"
          cat >README.md <<'EOF'
        # calc

        A tiny calculator in POSIX sh, the sample project of `lanes demo`.

            $ sh calc/add.sh 2 3
            5

        Every command is listed in docs/usage.md. Run the tests with `sh test/run.sh`.
        EOF
          grep -q 'README.md' docs/usage.md || printf '\\nA first session is in README.md.\\n' >>docs/usage.md
          think
          ;;
        L-4)
          say "writing calc/div.sh on top of calc/sub.sh from L-1"
          cat >calc/div.sh <<'EOF'
        #!/bin/sh
        # Prints the whole quotient of two whole numbers, by repeated subtraction: sh calc/div.sh 7 2
        [ "$2" -gt 0 ] || { echo "division by zero" >&2; exit 1; }
        n=$1
        q=0
        while [ "$n" -ge "$2" ]; do
          n=$(sh "$(dirname "$0")/sub.sh" "$n" "$2")
          q=$((q + 1))
        done
        echo "$q"
        EOF
          printf 'div 7 2 3\\ndiv 9 3 3\\ndiv 1 5 0\\n' >test/div.t
          sh test/run.sh
          ;;
        L-5)
          if [ "$LANES_ATTEMPT" -gt 1 ]; then
            say "the prompt carries the last failure:"
            grep -E 'Why it stopped|^FAIL' "$LANES_PROMPT_FILE" | sed 's/^/    /'
            start=1
          else
            start=0
          fi
          say "rewriting calc/mul.sh to take any number of factors (product starts at $start)"
          cat >calc/mul.sh <<EOF
        #!/bin/sh
        # Prints the product of any number of whole numbers: sh calc/mul.sh 2 3 4
        p=$start
        for n in "\\$@"; do
          p=\\$((p * n))
        done
        echo "\\$p"
        EOF
          printf 'mul 4 5 20\\nmul 3 0 0\\nmul 2 3 4 24\\n' >test/mul.t
          think
          ;;
        *)
          say "no script for lane $LANES_LANE"
          exit 1
          ;;
        esac
        printf 'risks: none, the demo agent is scripted\\nnext: integrate\\n' >"$LANES_HANDOFF_FILE"
        say "done"
        """
        .formatted(lanesCommand);
  }
}
