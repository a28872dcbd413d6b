package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.error.ExitCode;
import dev.lanes.error.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanes validate}: reads PLAN.md and AGENTS.md and reports every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    header = "Check PLAN.md and AGENTS.md and report every problem.",
    description = {
      "Parse AGENTS.md and PLAN.md, run the bootstrap check and report every problem,",
      "each as FILE:LINE:COLUMN: message. Writes nothing."
    },
    footer = {
      "",
      "Exit codes: 0 valid, 2 a problem in PLAN.md or AGENTS.md, 4 the bootstrap check failed.",
      "Examples:",
      "  lanes validate",
      "  lanes validate --json --repo ../other-repo"
    })
public final class ValidateCommand extends RepoCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print {\"ok\", \"problems\"} as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Workspace workspace = load().workspace();
    List<Problem> all = new ArrayList<>(workspace.inputProblems());
    all.addAll(workspace.bootstrapProblems());
    all.sort(null);
    ExitCode code =
        !workspace.inputProblems().isEmpty()
            ? ExitCode.BAD_INPUT
            : !workspace.bootstrapProblems().isEmpty() ? ExitCode.BOOTSTRAP_FAILED : ExitCode.OK;
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ok", all.isEmpty());
      result.put("problems", JsonOutput.problems(all));
      JsonOutput.print(out(), result);
      return code.code();
    }
    if (all.isEmpty()) {
      int lanes = workspace.plan().map(p -> p.lanes().size()).orElse(0);
      int gates = workspace.policyOrEmpty().gates().size();
      int agents = workspace.policyOrEmpty().agents().size();
      out()
          .printf(
              "PLAN.md and AGENTS.md are valid: %d %s, %d %s, %d %s.%n",
              lanes,
              lanes == 1 ? "lane" : "lanes",
              gates,
              gates == 1 ? "gate" : "gates",
              agents,
              agents == 1 ? "agent" : "agents");
    } else {
      all.forEach(p -> err().println(p));
      err().printf("%d %s found.%n", all.size(), all.size() == 1 ? "problem" : "problems");
    }
    return code.code();
  }
}
