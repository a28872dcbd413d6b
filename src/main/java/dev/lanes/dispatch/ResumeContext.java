package dev.lanes.dispatch;

import java.util.List;
import java.util.Optional;

/**
 * What a worker resuming a lane is told so it does not start over: the last checkpoint, why the
 * last attempt stopped, and what a person approved since.
 */
public record ResumeContext(
    Optional<String> lastCheckpointDone,
    Optional<String> lastCheckpointNext,
    Optional<String> failureSignature,
    Optional<String> failureContext,
    List<String> approvals) {

  /** What the lane's ledger says about its last checkpoint, failure and approvals. */
  public static ResumeContext from(dev.lanes.ledger.LedgerFacts facts) {
    return new ResumeContext(
        facts.lastCheckpoint().map(c -> c.done()),
        facts.lastCheckpoint().map(c -> c.next()),
        facts.lastFailure().map(f -> f.signature()),
        facts.lastFailure().map(f -> f.outputTail()).filter(t -> !t.isBlank()),
        facts.approvedScopes());
  }

  public static ResumeContext none() {
    return new ResumeContext(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  public boolean isEmpty() {
    return lastCheckpointDone.isEmpty()
        && lastCheckpointNext.isEmpty()
        && failureSignature.isEmpty()
        && failureContext.isEmpty()
        && approvals.isEmpty();
  }
}
