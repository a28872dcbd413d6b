package dev.lanes.init;

import java.util.List;
import java.util.Optional;

/**
 * The texts {@code lanes init} writes: a starting AGENTS.md and PLAN.md in the contract's format,
 * and the READMEs that say what belongs in ledger/ and policies/. All use LF line endings.
 */
public final class StarterFiles {

  /** The id of the example lane in the starting PLAN.md. */
  public static final String EXAMPLE_LANE = "L-001";

  /** The header and separator rows of the empty {@code ## Locks} table. */
  public static final String LOCKS_TABLE =
      "| lock_id | owner | scope | objective | start | heartbeat | expires |\n"
          + "|---|---|---|---|---|---|---|\n";

  /** The header and separator rows of the empty {@code ## Board} table. */
  public static final String BOARD_TABLE =
      "| lane | status | wave | attempt | checkpoint | updated | note |\n"
          + "|---|---|---|---|---|---|---|\n";

  private StarterFiles() {}

  /**
   * AGENTS.md with all seven policy sections, the given gates and the agent presets.
   *
   * @param gates the gate ladder, numbered from 1 in this order
   * @param hotspots globs for the {@code hotspots} setting; the line is left out when empty
   * @param target the branch for the {@code target} setting; the line is left out when empty
   */
  public static String agentsMd(
      List<GuessedGate> gates, List<String> hotspots, Optional<String> target) {
    StringBuilder md = new StringBuilder();
    md.append(
        """
        # Agents

        This is the policy `lanes` follows to coordinate coding agents on this repository, and \
        the guide for every agent that works here. Each level-2 section below is required: \
        `lanes validate` names any that is missing or empty, and nothing is dispatched until \
        all are there. A setting is a list item `- key: value` under its heading; the rest is \
        prose for the people and agents who read it.

        ## Worklog

        PLAN.md and ledger/ are the execution ledger, and lanes is their single writer. People \
        write the `## Lanes` section of PLAN.md by hand; lanes alone updates the `## Locks` and \
        `## Board` tables and appends to ledger/, one file per event, never rewriting one. \
        Agents never edit PLAN.md or anything under ledger/: they report through their handoff \
        file and `lanes checkpoint`.

        Decisions that outlive a single lane (a library chosen, an interface fixed, a convention \
        adopted) go in the decision register, `policies/decisions.md`: one dated entry per \
        decision, with its reason and the lane that made it. Create it with the first decision.

        ## Locks

        A dispatched lane holds one lock over its whole effective scope until it is integrated, \
        failed or cancelled, and no two live locks overlap, so no two workers edit the same \
        file. lanes renews a running worker's heartbeat. A lock whose `expires` time has passed \
        is stale; only a person takes it back, with `lanes reclaim <lock_id> --note "why"`, \
        which is recorded in the ledger. Files that many lanes need at once are hotspots: lanes \
        that touch them are scheduled one per wave.

        - ttl: 30m
        - heartbeat: 1m
        """);
    if (!hotspots.isEmpty()) {
      md.append("- hotspots: ").append(String.join(", ", hotspots)).append('\n');
    }
    md.append(
        """

        ## Integration

        Only the integrator lands work on the target branch: workers never merge, rebase or push. \
        `lanes integrate` applies handed-off patches one at a time in its own integration \
        worktree, runs the `patch` gates after each, and lands each lane as one commit with \
        `Lane:`, `Attempt:`, `Agent:` and `Gates:` trailers. A patch that conflicts, fails a gate \
        or touches a file outside its lane's scope is dropped and its lane reopened with the \
        failure; after each wave the `wave` gates run. The target branch only ever moves to a \
        commit that passed its gates. At most `max-parallel` workers run at once; `sandbox` \
        can be `none`, `bwrap`, `docker` or `podman`.

        """);
    target.ifPresent(t -> md.append("- target: ").append(t).append('\n'));
    md.append(
        """
        - sandbox: none
        - max-parallel: 4

        ## Approvals

        Workers run without interactive prompts, so anything a worker may not do on its own \
        becomes a request instead of a question: the worker writes a line \
        `approval: <command>` in its handoff file (or exits with 77) and stops. lanes marks the \
        lane blocked and records the request in the ledger; a person reviews it and approves it \
        with `lanes approve`, scoped to a command prefix, and `lanes resume` runs the lane again \
        from its last checkpoint. Destructive actions (deleting branches or files outside the \
        scope, force pushes, dropping data, anything outside the worktree) always need a \
        person's approval. The read-only command prefixes below are approved in advance.

        - pre-approved: git status, git diff, git log, git show

        ## Gates

        The gate ladder runs in ascending order through `sh -c` in the worktree being checked, \
        and the first failure stops it. `when` says where a gate runs: `lane` in the lane's \
        worktree after its worker ends, `patch` by the integrator after each applied patch, \
        `wave` after each wave and at the end of `lanes integrate`. The placeholders \
        `{files}`, `{dirs}`, `{modules}` and `{lane}` are filled in shell-quoted; a gate whose \
        placeholder is empty for a patch is skipped. `lanes init` guessed these gates from the \
        build files it found: check them before the first dispatch.

        | gate | name | command | when | timeout |
        |---|---|---|---|---|
        """);
    for (int i = 0; i < gates.size(); i++) {
      GuessedGate g = gates.get(i);
      md.append("| ")
          .append(i + 1)
          .append(" | ")
          .append(nameCell(g.name()))
          .append(" | `")
          .append(cell(g.command()))
          .append("` | ")
          .append(cell(g.when()))
          .append(" | ")
          .append(cell(g.timeout()))
          .append(" |\n");
    }
    md.append(
        """

        ## Workers

        Each worker gets one lane, in its own worktree and branch, and a prompt file holding the \
        assignment contract: the lane's objective, its in-scope and out-of-scope globs, the \
        acceptance criteria, the lane's context, its test command, the gates and the handoff \
        format. A worker edits only files inside its lane's scope, never PLAN.md, AGENTS.md or \
        ledger/. It runs the lane's own `tests` command and the tests nearest the files it \
        changed, not the whole suite: the gates cover the rest. Documentation comes from the \
        sources in this repository and the dependency versions it pins, not from memory of other \
        versions, and a doc or comment that a change makes false is fixed in the same lane.

        Before it ends, a worker writes its handoff file with the evidence a reviewer needs: the \
        files changed, each acceptance item met or not, the commands it ran with their exit \
        codes, and `risks:` and `next:` lines. It may call \
        `lanes checkpoint --lane <id> --done "..." --next "..."` at any point, so that a resumed \
        attempt does not start over. Exit 0 means done; exit 77 or an `approval:` line means \
        blocked; any other exit means failed.

        ## Agents

        The first row is the default agent for lanes that name none. Each command runs through \
        `sh -c` in the worker's worktree, with `{prompt_file}`, `{worktree}`, `{lane}` and \
        `{attempt}` filled in shell-quoted. These presets run each CLI headless on the prompt \
        file, allowed to edit files in the worktree, with anything more refused rather than \
        asked. Delete the rows of CLIs you don't use, or add any command that reads the prompt \
        file.

        """);
    md.append("<!-- presets checked on ")
        .append(AgentPreset.CHECKED_ON)
        .append(" against: ")
        .append(AgentPreset.CHECKED_VERSIONS)
        .append(" -->\n\n")
        .append("| agent | command |\n")
        .append("|---|---|\n");
    for (AgentPreset preset : AgentPreset.values()) {
      md.append("| ")
          .append(cell(preset.agentName()))
          .append(" | `")
          .append(cell(preset.command()))
          .append("` |\n");
    }
    return md.toString();
  }

  /**
   * PLAN.md with one example lane and the empty Locks and Board tables.
   *
   * @param testCommand the example lane's {@code tests} command
   */
  public static String planMd(String testCommand) {
    return """
    # Plan

    ## Lanes

    ### %s: Document how to build and test the project
    - scope: `README.md`
    - agent: %s
    - tests: `%s`
    - acceptance:
      - [ ] README.md says what the project is for and how to build it
      - [ ] every command README.md shows runs as written

    An example lane written by `lanes init`: replace it with your own lanes, one `###` \
    heading each, before the first `lanes dispatch`.

    ## Locks

    %s
    ## Board

    %s\
    """
        .formatted(
            EXAMPLE_LANE,
            AgentPreset.values()[0].agentName(),
            testCommand,
            LOCKS_TABLE,
            BOARD_TABLE);
  }

  /** ledger/README.md: what the ledger holds and who writes it. */
  public static String ledgerReadme() {
    return """
    # Ledger

    This folder is the execution ledger of `lanes`: one markdown file per event, written by \
    lanes only. People read it, and `lanes report` turns it into metrics and a timeline; \
    nobody edits it by hand, and agents never write here.

    Each entry is `ledger/<lane>/<NNN>-<kind>.md`, where NNN counts from 001 for each lane \
    and kind is one of dispatch, checkpoint, handoff, failure, approval, integration, \
    reclaim or tournament. The ledger is append-only: an entry is never rewritten or \
    deleted, and a correction is a new entry.

    - A handoff entry carries the worker's evidence: Lane, Checkpoint, Objective, Files, \
    Acceptance, Architecture Compliance, Doc/Comment Compliance, Commands (with their exit \
    codes), Result, Risks and Next.
    - A failure entry says what failed, its impact, the approval requested if any, and the \
    remediation.

    Commit this folder with the rest of the repository: it is the review trail of what each \
    lane changed, through which gates, and why.
    """;
  }

  /** policies/README.md: what belongs in policies/. */
  public static String policiesReadme() {
    return """
    # Policies

    Longer policy documents that AGENTS.md links to, written and kept by people; lanes never \
    writes here. Typical ones are the decision register (`decisions.md`, one dated entry \
    per decision with its reason), architecture rules, a style guide, and the security rules \
    a worker must follow.

    Keep AGENTS.md short: each of its sections states the rule and links here for the \
    detail, for example `[architecture rules](policies/architecture.md)`. Workers read these \
    documents as part of their assignment, so write them as instructions an agent can \
    follow and check: what is allowed, what is not, and how to tell.
    """;
  }

  /**
   * A gate's name as a cell. One holding a bracket or a {@code <} is written as code: flexmark
   * reads {@code [a][} followed by a later {@code ]} in the row as a link reference, and {@code
   * <!A} up to a later {@code >} as inline HTML, and either swallows the cell separators between
   * them. The policy reader takes a code span's content, so the name reads back the same.
   */
  private static String nameCell(String name) {
    boolean inlineMarkup = name.contains("[") || name.contains("]") || name.contains("<");
    return inlineMarkup ? "`" + cell(name) + "`" : cell(name);
  }

  // A `|` inside a table cell, even inside backticks, would end the cell.
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
