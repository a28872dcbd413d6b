package dev.lanes.ledger;

import dev.lanes.plan.LaneId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A worker handed its lane back: the contract's lane handoff template (Lane, Checkpoint, Objective,
 * Files, Acceptance, Architecture Compliance, Doc/Comment Compliance, Commands, Result, Risks,
 * Next), with the attempt, the captured patch, its commit and the possible escapes.
 *
 * @param patch the path of the captured patch file, if any
 * @param commit the commit holding the lane's patch, if any
 * @param patchSha256 the SHA-256 of the captured patch's bytes (see {@link PatchDigest}), which the
 *     integrator checks the stored patch against
 * @param possibleEscapes files of the person's own checkout that changed while the worker ran
 */
public record HandoffEntry(
    LaneId lane,
    int attempt,
    String checkpoint,
    String objective,
    List<HandoffFile> files,
    List<AcceptanceCheck> acceptance,
    String architectureCompliance,
    String docCompliance,
    List<CommandRun> commands,
    String result,
    String risks,
    String next,
    Optional<String> patch,
    Optional<String> commit,
    Optional<String> patchSha256,
    List<String> possibleEscapes,
    Instant at)
    implements LedgerEntry {

  public HandoffEntry {
    Objects.requireNonNull(lane, "lane");
    checkpoint = EntryMarkdown.block(checkpoint);
    objective = EntryMarkdown.block(objective);
    files = List.copyOf(files);
    acceptance = List.copyOf(acceptance);
    architectureCompliance = EntryMarkdown.block(architectureCompliance);
    docCompliance = EntryMarkdown.block(docCompliance);
    commands = List.copyOf(commands);
    result = EntryMarkdown.block(result);
    risks = EntryMarkdown.block(risks);
    next = EntryMarkdown.block(next);
    patch = patch.map(EntryMarkdown::line).filter(p -> !p.isEmpty());
    commit = commit.map(EntryMarkdown::line).filter(c -> !c.isEmpty());
    patchSha256 = patchSha256.filter(PatchDigest::isDigest);
    possibleEscapes = possibleEscapes.stream().map(EntryMarkdown::line).toList();
    at = EntryMarkdown.minute(at);
  }

  @Override
  public Kind kind() {
    return Kind.HANDOFF;
  }

  @Override
  public String render() {
    String laneItems =
        "- Lane: "
            + lane
            + "\n- Attempt: "
            + attempt
            + "\n- Patch: "
            + EntryMarkdown.code(patch)
            + "\n- Commit: "
            + commit.orElse(EntryMarkdown.NONE)
            + "\n- "
            + HandoffStanding.DIGEST_ITEM
            + ": "
            + patchSha256.orElse(EntryMarkdown.NONE)
            + "\n- At: "
            + EntryMarkdown.time(at);
    return new EntryMarkdown("Handoff: " + lane + " attempt " + attempt)
        .raw("Lane", laneItems)
        .text("Checkpoint", checkpoint)
        .text("Objective", objective)
        .raw("Files", EntryMarkdown.bullets(files.stream().map(HandoffFile::render).toList()))
        .raw(
            "Acceptance",
            EntryMarkdown.bullets(acceptance.stream().map(AcceptanceCheck::render).toList()))
        .text("Architecture Compliance", architectureCompliance)
        .text("Doc/Comment Compliance", docCompliance)
        .raw("Commands", EntryMarkdown.bullets(commands.stream().map(CommandRun::render).toList()))
        .text("Result", result)
        .text("Risks", risks)
        .text("Next", next)
        .raw(
            "Possible escapes",
            EntryMarkdown.bullets(possibleEscapes.stream().map(EntryMarkdown::code).toList()))
        .render();
  }
}
