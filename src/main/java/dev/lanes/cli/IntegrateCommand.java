package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.error.BadInputException;
import dev.lanes.gates.MemoryGateCache;
import dev.lanes.git.GitCli;
import dev.lanes.git.Worktrees;
import dev.lanes.integrate.IntegrateContext;
import dev.lanes.integrate.IntegratePreview;
import dev.lanes.integrate.IntegrateReport;
import dev.lanes.integrate.Integrator;
import dev.lanes.integrate.LaneOutcome;
import dev.lanes.integrate.QueueItem;
import dev.lanes.policy.Gate;
import dev.lanes.policy.Policy;
import dev.lanes.process.ShellProcessRunner;
import dev.lanes.store.PlanStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanes integrate}: lands the handed-off lanes on the target branch through the gates. */
@Command(
    name = "integrate",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    header = "Land handed-off lanes one patch at a time through the gates.",
    description = {
      "Land the handed-off lanes one patch at a time in the integration worktree",
      ".lanes/integration: patch gates after each patch, wave gates after each wave,",
      "then move the target branch to the gated result. A lane that conflicts or",
      "fails a gate is dropped and reopened with the failure in its ledger."
    },
    footer = {
      "",
      "Exit codes: 0 every queued lane landed, 1 a lane was reopened or refused, the",
      "target is red or your checkout is in the way, 2 bad input (also: AGENTS.md's",
      "gates differ from those committed on the target), 3 another integrate runs,",
      "4 bootstrap check failed.",
      "Examples:",
      "  lanes integrate --dry-run",
      "  lanes integrate"
    })
public final class IntegrateCommand extends RepoCommand implements Callable<Integer> {
  @Option(names = "--dry-run", description = "Show the queue and the gates; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Loaded loaded = load();
    Workspace workspace = loaded.workspace().requireReadyToDispatch();
    Policy policy = workspace.policyOrEmpty();
    String target = policy.target().orElse(loaded.branch());
    if (target.equals("HEAD")) {
      throw BadInputException.usage(
          "no target branch: the checkout is on a detached HEAD and AGENTS.md sets no `target:`");
    }
    Integrator integrator = new Integrator(context(workspace.root(), policy));
    if (dryRun) {
      print(integrator.preview(target));
      return 0;
    }
    IntegrateReport report = integrator.run(target);
    for (LaneOutcome lane : report.lanes()) {
      out().printf("%s attempt %d: %s%n", lane.lane(), lane.attempt(), lane.summary());
    }
    if (!report.from().equals(report.to())) {
      out().printf("%s: %s -> %s%n", target, report.from().orElse(""), report.to().orElse(""));
    }
    return report.allLanded() ? 0 : 1;
  }

  private IntegrateContext context(Path root, Policy policy) {
    GitCli git = GitCli.system();
    return new IntegrateContext(
        root,
        policy,
        new PlanStore(root, Clock.systemUTC()),
        git,
        new Worktrees(git),
        new ShellProcessRunner(),
        new MemoryGateCache(),
        Clock.systemUTC(),
        System.getenv(),
        line -> {
          out().println(line);
          out().flush();
        });
  }

  private void print(IntegratePreview p) {
    if (p.queue().isEmpty()) {
      out().println("Nothing to integrate: no lane is handed off.");
      return;
    }
    out()
        .printf(
            "Would integrate %d lanes onto %s at %s in .lanes/integration (dry run: nothing"
                + " written).%n",
            p.queue().size(), p.target(), p.tip());
    out().println("First the patch gates on the tip of " + p.target() + ", then per lane:");
    for (QueueItem item : p.queue()) {
      out().println();
      out()
          .printf(
              "%s (wave %d, attempt %d, agent %s)%n",
              item.lane(), item.wave(), item.attempt(), item.agent());
      out().printf("  patch: %s%n", item.patch());
      out().printf("  files: %s%n", String.join(", ", p.files().get(item)));
    }
    out().println();
    out().println("patch gates after each lane: " + gates(p.patchGates()));
    out().println("wave gates after each wave:  " + gates(p.waveGates()));
  }

  private static String gates(List<Gate> gates) {
    if (gates.isEmpty()) {
      return "none";
    }
    return String.join(
        "; ", gates.stream().map(g -> g.number() + " " + g.name() + ": " + g.command()).toList());
  }
}
