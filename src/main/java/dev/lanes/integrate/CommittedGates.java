package dev.lanes.integrate;

import dev.lanes.error.BadInputException;
import dev.lanes.error.Problem;
import dev.lanes.markdown.PolicyReader;
import dev.lanes.plan.Position;
import dev.lanes.policy.Durations;
import dev.lanes.policy.Gate;
import dev.lanes.policy.GateStage;
import dev.lanes.policy.Policy;
import dev.lanes.policy.PolicySection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The integrator runs the gates of the target's own committed AGENTS.md. The checkout's AGENTS.md
 * is a file any worker can write (one that turns a gate into {@code true} would land what the gate
 * stops), so integrate refuses while the checkout's gates table differs from the committed one,
 * naming each difference: a person's change is used once it is committed on the target.
 */
final class CommittedGates {
  private CommittedGates() {}

  /**
   * Throws bad input (exit 2) unless {@code working}'s gates are exactly those of {@code
   * committed}, the text of AGENTS.md in the target's tip commit (empty when it has none); the
   * gates then run are the committed ones.
   */
  static void require(Optional<String> committed, String target, Policy working) {
    if (committed.isEmpty()) {
      throw new BadInputException(
          List.of(
              new Problem(
                  Policy.FILE,
                  1,
                  1,
                  "AGENTS.md is not committed on "
                      + target
                      + ": lanes integrate runs only the gates committed on the target, which no"
                      + " worker can change. Commit it (`git add AGENTS.md && git commit`) on "
                      + target
                      + ", then run `lanes integrate` again.")));
    }
    List<Gate> gates = PolicyReader.read(committed.get()).policy().gates();
    List<Problem> problems = differences(working, gates, target);
    if (!problems.isEmpty()) {
      throw new BadInputException(problems);
    }
  }

  /** One problem per gate number whose row differs, is new, or is gone; empty when none. */
  static List<Problem> differences(Policy working, List<Gate> committed, String target) {
    Map<Integer, Gate> mine = byNumber(working.gates());
    Map<Integer, Gate> theirs = byNumber(committed);
    TreeMap<Integer, Boolean> numbers = new TreeMap<>();
    mine.keySet().forEach(n -> numbers.put(n, true));
    theirs.keySet().forEach(n -> numbers.put(n, true));
    Position table = working.section("Gates").map(PolicySection::position).orElse(Position.START);
    String remedy =
        ". lanes integrate runs only the gates committed on "
            + target
            + ", which no worker can change, and this change is not committed on "
            + target
            + ". If you made it, commit it (`git commit AGENTS.md`) on "
            + target
            + "; if not, undo it (`git checkout "
            + target
            + " -- AGENTS.md`). Then run `lanes integrate` again.";
    List<Problem> problems = new ArrayList<>();
    for (int n : numbers.keySet()) {
      Gate here = mine.get(n);
      Gate there = theirs.get(n);
      if (here != null && there != null && same(here, there)) {
        continue;
      }
      Position at = here != null ? here.position() : table;
      String committedOn = "the AGENTS.md committed on " + target;
      String what =
          (here == null ? "gate " + n + " is gone here" : said(here) + " here")
              + ", but "
              + committedOn
              + (there == null ? " has no gate " + n : " says " + said(there));
      problems.add(new Problem(Policy.FILE, at.line(), at.column(), what + remedy));
    }
    return problems;
  }

  private static Map<Integer, Gate> byNumber(List<Gate> gates) {
    Map<Integer, Gate> out = new TreeMap<>();
    for (Gate g : gates) {
      out.putIfAbsent(g.number(), g);
    }
    return out;
  }

  /** Equal but for where the row stands in its file. */
  private static boolean same(Gate a, Gate b) {
    return a.name().equals(b.name())
        && a.command().equals(b.command())
        && a.when().equals(b.when())
        && a.timeout().equals(b.timeout());
  }

  /** {@code gate 2 (tests) runs `make test` at patch, wave within 30m}. */
  private static String said(Gate g) {
    return "gate "
        + g.number()
        + " ("
        + g.name()
        + ") runs `"
        + g.command()
        + "` at "
        + g.when().stream().map(GateStage::word).collect(Collectors.joining(", "))
        + " within "
        + Durations.format(g.timeout());
  }
}
