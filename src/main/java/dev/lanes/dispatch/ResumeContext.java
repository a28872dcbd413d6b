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
