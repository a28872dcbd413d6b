package dev.lanes.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.plan.LaneId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {
  static final LaneId LANE = new LaneId("L-3");
  static final Instant AT = Instant.parse("2026-11-22T14:10:42Z");
  static final String DIGEST = PatchDigest.sha256("patch".getBytes(StandardCharsets.UTF_8));

  static HandoffEntry handoff() {
    return new HandoffEntry(
        LANE,
        2,
        "focus loop fixed; tests pass",
        "Search modal focus loop",
        List.of(
            new HandoffFile("internal/tui/modal.go", "modified"),
            new HandoffFile("internal/tui/modal_test.go", "added")),
        List.of(
            new AcceptanceCheck("focus order matches spec", true),
            new AcceptanceCheck("scope toggle keyboard-focusable", false)),
        "stays in internal/tui",
        "doc comment on Modal.Focus",
        List.of(
            new CommandRun("go test ./internal/tui", 0, Duration.ofMillis(12_345)),
            new CommandRun("go vet ./...", 1, Duration.ofMillis(800))),
        "handed off",
        "vet warns about a shadowed variable",
        "make the toggle focusable",
        Optional.of(".lanes/patches/L-3.2.patch"),
        Optional.of("0123abcd"),
        Optional.of(DIGEST),
        List.of("README.md"),
        AT);
  }

  static FailureEntry failure() {
    return new FailureEntry(
        LANE,
        2,
        "exit 3",
        "panic: nil map",
        "the worker exited with 3",
        "lane L-3 is not handed off\r\nits lock is released",
        Optional.of("go get example.com/x"),
        "resume after approving the install",
        "line 1\n## not a heading\n```\npanic: nil map\n\n",
        AT);
  }

  @Test
  void handoffRendersTheTemplateExactly() {
    assertThat(handoff().render())
        .isEqualTo(
            """
            # Handoff: L-3 attempt 2

            ## Lane

            - Lane: L-3
            - Attempt: 2
            - Patch: `.lanes/patches/L-3.2.patch`
            - Commit: 0123abcd
            - Patch SHA-256: %s
            - At: 2026-11-22T14:10Z

            ## Checkpoint

            focus loop fixed; tests pass

            ## Objective

            Search modal focus loop

            ## Files

            - modified: `internal/tui/modal.go`
            - added: `internal/tui/modal_test.go`

            ## Acceptance

            - [x] focus order matches spec
            - [ ] scope toggle keyboard-focusable

            ## Architecture Compliance

            stays in internal/tui

            ## Doc/Comment Compliance

            doc comment on Modal.Focus

            ## Commands

            - `go test ./internal/tui` — exit 0 in 12.345s
            - `go vet ./...` — exit 1 in 0.800s

            ## Result

            handed off

            ## Risks

            vet warns about a shadowed variable

            ## Next

            make the toggle focusable

            ## Possible escapes

            - `README.md`
            """
                .formatted(DIGEST));
  }

  @Test
  void failureRendersTheTemplateExactly() {
    assertThat(failure().render())
        .isEqualTo(
            """
            # Failure: L-3 attempt 2

            - Kind: exit 3
            - Signature: `panic: nil map`
            - At: 2026-11-22T14:10Z

            ## Failure

            the worker exited with 3

            ## Impact

            lane L-3 is not handed off
            its lock is released

            ## Requested approval

            `go get example.com/x`

            ## Remediation

            resume after approving the install

            ## Output tail

            ````
            line 1
            ## not a heading
            ```
            panic: nil map
            ````
            """);
  }

  @Test
  void everyEntryHasItsTitleAndTemplateHeadingsInOrder() {
    assertThat(headings(handoff().render()))
        .containsExactly(
            "# Handoff: L-3 attempt 2",
            "## Lane",
            "## Checkpoint",
            "## Objective",
            "## Files",
            "## Acceptance",
            "## Architecture Compliance",
            "## Doc/Comment Compliance",
            "## Commands",
            "## Result",
            "## Risks",
            "## Next",
            "## Possible escapes");
    assertThat(headings(failure().render()))
        .containsExactly(
            "# Failure: L-3 attempt 2",
            "## Failure",
            "## Impact",
            "## Requested approval",
            "## Remediation",
            "## Output tail");
    assertThat(headings(new CheckpointEntry(LANE, 1, "a", "b", AT).render()))
        .containsExactly("# Checkpoint: L-3 attempt 1", "## Done", "## Next");
    assertThat(headings(integration().render()))
        .containsExactly("# Integration: L-3 attempt 2", "## Gates", "## Reason");
    assertThat(headings(reclaim().render())).containsExactly("# Reclaim: L-3", "## Note");
  }

  @Test
  void dispatchApprovalAndReclaimRenderTheirFields() {
    assertThat(dispatch().render())
        .isEqualTo(
            """
            # Dispatch: L-3 attempt 2

            - Lock: L-3#7
            - Agent: claude
            - Command: `claude -p "$(cat prompt.md)"`
            - Worktree: `.lanes/worktrees/L-3`
            - Branch: `lanes/L-3`
            - Base: 0123abcd
            - Scope: `internal/tui/**`, `docs/tui.md`
            - At: 2026-11-22T14:10Z
            """);
    assertThat(new ApprovalEntry(LANE, "go get", "alice", AT).render())
        .isEqualTo(
            """
            # Approval: L-3

            - Scope: `go get`
            - Approved by: alice
            - At: 2026-11-22T14:10Z
            """);
    assertThat(reclaim().render())
        .isEqualTo(
            """
            # Reclaim: L-3

            - Lock: L-3#7
            - Previous owner: pid 4121@box
            - By: bob
            - At: 2026-11-22T14:10Z

            ## Note

            the worker machine rebooted
            """);
    assertThat(integration().render())
        .isEqualTo(
            """
            # Integration: L-3 attempt 2

            - Result: dropped
            - Commit: none
            - At: 2026-11-22T14:10Z

            ## Gates

            1 compile: passed
            2 tests: failed (exit 1)

            ## Reason

            gate 2 failed
            """);
  }

  @Test
  void renderingIsStableAndUsesLfOnly() {
    List<LedgerEntry> entries =
        List.of(
            handoff(),
            failure(),
            dispatch(),
            reclaim(),
            integration(),
            new CheckpointEntry(LANE, 1, "a\r\nb", "c", AT),
            new ApprovalEntry(LANE, "x", "y", AT));
    for (LedgerEntry entry : entries) {
      String text = entry.render();
      assertThat(text).doesNotContain("\r").endsWith("\n").doesNotEndWith("\n\n");
      assertThat(text).isEqualTo(entry.render());
      assertThat(text).startsWith("# " + title(entry.kind()) + ": L-3");
    }
  }

  @Test
  void emptyOptionalPartsReadNone() {
    HandoffEntry bare =
        new HandoffEntry(
            LANE,
            1,
            "",
            "o",
            List.of(),
            List.of(),
            "",
            "",
            List.of(),
            "r",
            "",
            "",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            AT);
    assertThat(bare.render())
        .contains("- Patch: none\n- Commit: none\n- Patch SHA-256: none")
        .contains("## Files\n\nnone\n")
        .contains("## Commands\n\nnone\n")
        .contains("## Checkpoint\n\n## Objective");
  }

  @Test
  void kindWordsAreLowerCase() {
    assertThat(LedgerEntry.Kind.values())
        .extracting(LedgerEntry.Kind::word)
        .containsExactly(
            "dispatch",
            "checkpoint",
            "handoff",
            "failure",
            "approval",
            "integration",
            "reclaim",
            "tournament");
  }

  static DispatchEntry dispatch() {
    return new DispatchEntry(
        LANE,
        2,
        "L-3#7",
        "claude",
        "claude -p \"$(cat prompt.md)\"",
        ".lanes/worktrees/L-3",
        "lanes/L-3",
        "0123abcd",
        "`internal/tui/**`, `docs/tui.md`",
        AT);
  }

  static ReclaimEntry reclaim() {
    return new ReclaimEntry(
        LANE, "L-3#7", "pid 4121@box", "the worker machine rebooted", "bob", AT);
  }

  static IntegrationEntry integration() {
    return new IntegrationEntry(
        LANE,
        2,
        IntegrationResult.DROPPED,
        Optional.empty(),
        "1 compile: passed\n2 tests: failed (exit 1)",
        "gate 2 failed",
        AT);
  }

  private static String title(LedgerEntry.Kind kind) {
    String w = kind.word();
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  private static List<String> headings(String markdown) {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced && line.startsWith("#")) {
        out.add(line);
      }
    }
    return out;
  }
}
