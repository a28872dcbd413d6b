package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.error.ExitCode;
import dev.lanes.error.Problem;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lanes validate}: reads PLAN.md and AGENTS.md and reports every problem. */
@Command(
    name = "validate",
    header = "Check PLAN.md and AGENTS.md and report every problem.",
    description = {
      "Parse AGENTS.md and PLAN.md, run the bootstrap check and report every problem,",
      "each as FILE:LINE:COLUMN: message. Writes nothing. --json prints {\"ok\", \"problems\"}."
    },
    footer = {
      "",
      "Exit codes: 0 valid, 2 a problem in PLAN.md or AGENTS.md, 4 the bootstrap check failed.",
      "Examples:",
      "  lanes validate",
      "  lanes validate --json --repo ../other-repo"
    })
public final class ValidateCommand extends RepoCommand {
  @Mixin JsonOption json;

  /** The {@code --json} shape. */
  record Result(boolean ok, List<Problem> problems) {}

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
    if (json.json) {
      json.print(out(), new Result(all.isEmpty(), all));
    } else if (all.isEmpty()) {
      out()
          .printf(
              "PLAN.md and AGENTS.md are valid: %s, %s, %s.%n",
              Counted.of(workspace.plan().map(p -> p.lanes().size()).orElse(0), "lane"),
              Counted.of(workspace.policyOrEmpty().gates().size(), "gate"),
              Counted.of(workspace.policyOrEmpty().agents().size(), "agent"));
    } else {
      all.forEach(p -> err().println(p));
      err().println(Counted.of(all.size(), "problem") + " found.");
    }
    return code.code();
  }
}
