package dev.lanes.dispatch;

import dev.lanes.plan.AcceptanceItem;
import dev.lanes.plan.Lane;
import dev.lanes.plan.Located;
import dev.lanes.policy.Gate;
import dev.lanes.policy.GateStage;
import dev.lanes.policy.Policy;
import dev.lanes.scope.Glob;
import dev.lanes.scope.Scope;
import java.util.List;
import java.util.Map;

/**
 * The assignment contract a worker reads (contract 2.3): the lane, its scope, its acceptance
 * criteria and context, the test command and gates, the handoff format and what is forbidden.
 * Rendered the same way for the same input, so a prompt can be diffed between attempts.
 */
public final class AssignmentPrompt {
  private AssignmentPrompt() {}

  public static String render(
      Lane lane, Scope scope, Policy policy, int attempt, ResumeContext resume) {
    StringBuilder p = new StringBuilder();
    p.append("# Assignment: lane ")
        .append(lane.id())
        .append(", attempt ")
        .append(attempt)
        .append("\n\n");
    p.append("## Objective\n\n").append(lane.objective()).append("\n\n");

    p.append("## Scope\n\nYou may create, edit, rename and delete only files matching:\n\n");
    for (Glob g : scope.include()) {
      p.append("- `").append(g.text()).append("`\n");
    }
    if (!scope.exclude().isEmpty()) {
      p.append("\nNot these (out of scope):\n\n");
      for (Glob g : scope.exclude()) {
        p.append("- `").append(g.text()).append("`\n");
      }
    }
    p.append(
        "\nPLAN.md, AGENTS.md, ledger/ and .lanes/ are never yours to edit."
            + " Globs are relative to the repository root;"
            + " `*` stays in one folder, `**` spans folders.\n\n");

    if (!lane.acceptance().isEmpty()) {
      p.append("## Acceptance\n\n");
      for (AcceptanceItem item : lane.acceptance()) {
        p.append("- [").append(item.checked() ? "x" : " ").append("] ").append(item.text());
        p.append('\n');
      }
      p.append('\n');
    }
    if (!lane.context().isBlank()) {
      p.append("## Context\n\n").append(lane.context().strip()).append("\n\n");
    }
    if (!lane.otherFields().isEmpty()) {
      p.append("## Other fields of the lane\n\n");
      for (Map.Entry<String, Located<String>> f : lane.otherFields().entrySet()) {
        p.append("- ").append(f.getKey()).append(": ").append(f.getValue().value()).append('\n');
      }
      p.append('\n');
    }

    p.append("## Tests and gates\n\n");
    lane.tests()
        .ifPresent(
            t -> p.append("Run the lane's own tests with: `").append(t.value()).append("`\n\n"));
    List<Gate> laneGates = policy.gates(GateStage.LANE);
    if (laneGates.isEmpty()) {
      p.append("No gate runs in your worktree after you finish.\n\n");
    } else {
      p.append("After you finish, these gates run in your worktree, in order; all must pass:\n\n");
      for (Gate g : laneGates) {
        p.append(g.number())
            .append(". ")
            .append(g.name())
            .append(": `")
            .append(g.command())
            .append("`\n");
      }
      p.append('\n');
    }

    if (!resume.isEmpty()) {
      p.append("## Resuming\n\nThis lane ran before; continue from where it stopped.\n\n");
      resume.lastCheckpointDone().ifPresent(d -> p.append("- Last checkpoint, done: ").append(d));
      resume.lastCheckpointDone().ifPresent(d -> p.append('\n'));
      resume.lastCheckpointNext().ifPresent(n -> p.append("- Last checkpoint, next: ").append(n));
      resume.lastCheckpointNext().ifPresent(n -> p.append('\n'));
      resume.failureSignature().ifPresent(f -> p.append("- Why it stopped: ").append(f));
      resume.failureSignature().ifPresent(f -> p.append('\n'));
      for (String a : resume.approvals()) {
        p.append("- Approved by a person: commands starting with `").append(a).append("`\n");
      }
      resume.failureContext().ifPresent(c -> p.append("\n```text\n").append(c.strip()));
      resume.failureContext().ifPresent(c -> p.append("\n```\n"));
      p.append('\n');
    }

    p.append("## Handoff\n\n")
        .append("Before you stop, write markdown to the file named by `$LANES_HANDOFF_FILE`")
        .append(" with these lines (each optional):\n\n")
        .append("```text\n")
        .append("risks: <what could break, what you were unsure of>\n")
        .append("next: <what should happen next>\n")
        .append("commands: <commands you ran, with their exit codes>\n")
        .append("approval: <a command you need a person to approve>\n")
        .append("```\n\n")
        .append("Record progress at any time with")
        .append(" `lanes checkpoint --lane ")
        .append(lane.id())
        .append(" --done \"…\" --next \"…\"`.")
        .append(" Exit 0 when done. If you need a command you may not run,")
        .append(" write its `approval:` line and exit 77.\n\n");

    p.append("## Forbidden\n\n")
        .append("- Editing, creating or deleting files outside the scope above.\n")
        .append(
            "- Destructive actions without a person's approval: `git push`, `git reset --hard`,")
        .append(" deleting branches, removing files outside your worktree, installing packages,")
        .append(" reaching the network.\n")
        .append("- Writing to the main checkout: work only in this worktree.\n");
    List<String> preApproved = policy.preApproved();
    if (!preApproved.isEmpty()) {
      p.append("\nThese command prefixes need no approval: ");
      p.append(String.join(", ", preApproved.stream().map(c -> "`" + c + "`").toList()));
      p.append(".\n");
    }
    policy
        .section("Approvals")
        .ifPresent(
            s ->
                p.append(
                    "\nThe repository's approval policy is under `## Approvals` in AGENTS.md.\n"));
    return p.toString();
  }
}
