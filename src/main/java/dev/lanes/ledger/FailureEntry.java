package dev.lanes.ledger;

import dev.lanes.plan.LaneId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lane's attempt failed: the contract's Failure, Impact, Requested approval and Remediation, with
 * the kind of failure, a one-line signature and the tail of the worker's output.
 *
 * @param failureKind a short word for what failed: {@code scope}, {@code no-changes}, {@code exit
 *     3}, {@code timeout}, {@code gate}, {@code setup}, {@code blocked}
 * @param signature one line that identifies the failure (the first error line, say); may be empty
 * @param requestedApproval the command the worker asked approval for, if any
 * @param outputTail the last lines of the output, kept verbatim (LF, no trailing blanks)
 */
public record FailureEntry(
    LaneId lane,
    int attempt,
    String failureKind,
    String signature,
    String failure,
    String impact,
    Optional<String> requestedApproval,
    String remediation,
    String outputTail,
    Instant at)
    implements LedgerEntry {

  public FailureEntry {
    Objects.requireNonNull(lane, "lane");
    failureKind = EntryMarkdown.line(failureKind);
    if (failureKind.isEmpty()) {
      throw new IllegalArgumentException("a failure needs a kind");
    }
    signature = EntryMarkdown.line(signature);
    failure = EntryMarkdown.block(failure);
    impact = EntryMarkdown.block(impact);
    requestedApproval = requestedApproval.map(EntryMarkdown::line).filter(a -> !a.isEmpty());
    remediation = EntryMarkdown.block(remediation);
    outputTail = EntryMarkdown.tail(outputTail);
    at = EntryMarkdown.minute(at);
  }

  @Override
  public Kind kind() {
    return Kind.FAILURE;
  }

  @Override
  public String render() {
    return new EntryMarkdown("Failure: " + lane + " attempt " + attempt)
        .item("Kind", failureKind)
        .item("Signature", EntryMarkdown.code(signature))
        .item("At", EntryMarkdown.time(at))
        .text("Failure", failure)
        .text("Impact", impact)
        .raw("Requested approval", EntryMarkdown.code(requestedApproval))
        .text("Remediation", remediation)
        .raw("Output tail", EntryMarkdown.fenced(outputTail))
        .render();
  }

  /** Reads a rendered failure entry back; empty when the text is not one. */
  static Optional<FailureEntry> read(EntryText t) {
    if (t.kind().orElse(null) != Kind.FAILURE
        || t.lane().isEmpty()
        || t.attempt().isEmpty()
        || t.at().isEmpty()
        || t.item("Kind").map(String::isBlank).orElse(true)) {
      return Optional.empty();
    }
    return Optional.of(
        new FailureEntry(
            t.lane().get(),
            t.attempt().getAsInt(),
            t.item("Kind").get(),
            EntryMarkdown.uncode(t.item("Signature").orElse(EntryMarkdown.NONE)),
            t.text("Failure"),
            t.text("Impact"),
            t.code("Requested approval"),
            t.text("Remediation"),
            t.fenced("Output tail"),
            t.at().get()));
  }
}
