package dev.lanes.analysis;

import dev.lanes.error.BadInputException;
import dev.lanes.error.BootstrapFailedException;
import dev.lanes.error.Problem;
import dev.lanes.markdown.PlanRead;
import dev.lanes.markdown.PlanReader;
import dev.lanes.markdown.PolicyRead;
import dev.lanes.markdown.PolicyReader;
import dev.lanes.plan.Lane;
import dev.lanes.plan.Located;
import dev.lanes.plan.Plan;
import dev.lanes.plan.PlanChecks;
import dev.lanes.policy.BootstrapCheck;
import dev.lanes.policy.Policy;
import dev.lanes.policy.Setting;
import dev.lanes.scope.Glob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A managed repository as lanes reads it: PLAN.md and AGENTS.md parsed and checked, with every
 * problem found in either (bad input) kept apart from the problems of the bootstrap check, so that
 * commands can report all of them and choose the exit code.
 *
 * @param plan the plan, present when PLAN.md exists and parses far enough to be used
 * @param policy the policy, present when AGENTS.md exists
 * @param inputProblems problems that make the input bad (exit 2)
 * @param bootstrapProblems headings AGENTS.md lacks or has empty (exit 4)
 */
public record Workspace(
    Path root,
    Optional<Plan> plan,
    Optional<Policy> policy,
    List<Problem> inputProblems,
    List<Problem> bootstrapProblems) {

  public static final String PLAN_FILE = "PLAN.md";
  public static final String AGENTS_FILE = "AGENTS.md";

  public Workspace {
    inputProblems = inputProblems.stream().sorted().toList();
    bootstrapProblems = bootstrapProblems.stream().sorted().toList();
  }

  /** Reads and checks both files; never throws for bad content, only collects problems. */
  public static Workspace load(Path root, LocalDate today) {
    List<Problem> input = new ArrayList<>();
    List<Problem> bootstrap = new ArrayList<>();

    Optional<Plan> plan = Optional.empty();
    Optional<String> planText = readText(root, PLAN_FILE, input);
    if (planText.isPresent()) {
      PlanRead read = PlanReader.read(planText.get(), today);
      input.addAll(read.problems());
      input.addAll(PlanChecks.check(read.plan()));
      input.addAll(globProblems(read.plan()));
      plan = Optional.of(read.plan());
    } else if (input.isEmpty()) {
      input.add(
          new Problem(
              PLAN_FILE, 1, 1, "PLAN.md not found in " + root + "; run `lanes init` to start one"));
    }

    Optional<Policy> policy = Optional.empty();
    List<Problem> agentsIo = new ArrayList<>();
    Optional<String> agentsText = readText(root, AGENTS_FILE, agentsIo);
    input.addAll(agentsIo);
    if (agentsText.isPresent()) {
      PolicyRead read = PolicyReader.read(agentsText.get());
      input.addAll(read.problems());
      input.addAll(hotspotProblems(read.policy()));
      if (read.parsed()) {
        bootstrap.addAll(BootstrapCheck.check(read.policy()));
      }
      policy = Optional.of(read.policy());
    } else if (agentsIo.isEmpty()) {
      bootstrap.add(
          new Problem(
              AGENTS_FILE,
              1,
              1,
              "AGENTS.md not found in "
                  + root
                  + "; run `lanes init` to write one with every heading"));
      bootstrap.addAll(
          BootstrapCheck.check(new Policy(List.of(), List.of(), List.of(), List.of())));
    }
    if (plan.isPresent() && policy.isPresent() && !policy.get().agents().isEmpty()) {
      input.addAll(agentProblems(plan.get(), policy.get()));
    }
    return new Workspace(root, plan, policy, input, bootstrap);
  }

  /** A lane may only name an agent that AGENTS.md's agents table has. */
  private static List<Problem> agentProblems(Plan plan, Policy policy) {
    List<Problem> problems = new ArrayList<>();
    for (Lane lane : plan.lanes()) {
      lane.agent()
          .filter(agent -> policy.agent(agent.value()).isEmpty())
          .ifPresent(
              agent ->
                  problems.add(
                      new Problem(
                          PLAN_FILE,
                          agent.position().line(),
                          agent.position().column(),
                          "lane "
                              + lane.id()
                              + " names agent `"
                              + agent.value()
                              + "`, which AGENTS.md's agents table does not have")));
    }
    return problems;
  }

  /** Throws the bad-input error (exit 2) when either file has problems. */
  public Workspace requireValidInput() {
    if (!inputProblems.isEmpty()) {
      throw new BadInputException(inputProblems);
    }
    return this;
  }

  /** Throws bad input (exit 2) first, then a failed bootstrap check (exit 4). */
  public Workspace requireReadyToDispatch() {
    requireValidInput();
    if (!bootstrapProblems.isEmpty()) {
      throw new BootstrapFailedException(bootstrapProblems);
    }
    return this;
  }

  public Plan requirePlan() {
    return plan.orElseThrow(() -> new BadInputException(inputProblems));
  }

  /** The policy, or an empty one when AGENTS.md is absent (the bootstrap check says so). */
  public Policy policyOrEmpty() {
    return policy.orElseGet(() -> new Policy(List.of(), List.of(), List.of(), List.of()));
  }

  private static List<Problem> globProblems(Plan plan) {
    List<Problem> problems = new ArrayList<>();
    for (Lane lane : plan.lanes()) {
      checkGlobs(lane.scope(), "scope of " + lane.id(), problems);
      checkGlobs(lane.outOfScope(), "out-of-scope of " + lane.id(), problems);
    }
    return problems;
  }

  private static void checkGlobs(List<Located<String>> globs, String what, List<Problem> out) {
    for (Located<String> glob : globs) {
      Glob.problem(glob.value())
          .ifPresent(
              message ->
                  out.add(
                      new Problem(
                          PLAN_FILE,
                          glob.position().line(),
                          glob.position().column(),
                          what + ": `" + glob.value() + "`: " + message)));
    }
  }

  private static List<Problem> hotspotProblems(Policy policy) {
    List<Problem> problems = new ArrayList<>();
    for (Setting setting : policy.settings()) {
      if (!setting.key().equals("hotspots")) {
        continue;
      }
      for (String glob : Policy.items(setting.value())) {
        Glob.problem(glob)
            .ifPresent(
                message ->
                    problems.add(
                        new Problem(
                            AGENTS_FILE,
                            setting.position().line(),
                            setting.position().column(),
                            "hotspot `" + glob + "`: " + message)));
      }
    }
    return problems;
  }

  /** Reads a file as strict UTF-8; a missing file gives empty, unreadable bytes give a problem. */
  private static Optional<String> readText(Path root, String name, List<Problem> problems) {
    try {
      byte[] bytes = Files.readAllBytes(root.resolve(name));
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (CharacterCodingException e) {
      problems.add(new Problem(name, 1, 1, name + " is not valid UTF-8 text"));
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
