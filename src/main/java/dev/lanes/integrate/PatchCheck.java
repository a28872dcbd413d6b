package dev.lanes.integrate;

import dev.lanes.ledger.PatchDigest;
import java.util.List;
import java.util.Optional;

/**
 * The checks of a stored patch against what lanes recorded, before the integrator applies it. The
 * patch file lies in {@code .lanes/run/}, where any worker (another lane's, or a process this
 * lane's worker left running) can write it after the handoff; so its bytes must give the SHA-256
 * the handoff entry recorded at capture, and the files it touches must lie in the lane's scope as
 * the plan gives it now.
 */
final class PatchCheck {
  private PatchCheck() {}

  /**
   * Why {@code item}'s patch is not landed, with the failure entry's kind and remedy; empty when it
   * passes. {@code files} lists the files the patch touches.
   */
  static Optional<Refusal> check(QueueItem item, byte[] patch, List<String> files) {
    String lane = item.lane().value();
    String redo = "`lanes dispatch " + lane + "`";
    List<String> outside = files.stream().filter(f -> !item.scope().contains(f)).toList();
    Optional<String> recorded = item.standing().patchSha256();
    if (recorded.isEmpty()) {
      return Optional.of(
          new Refusal(
              "unverified",
              "the handoff entry of "
                  + lane
                  + " attempt "
                  + item.attempt()
                  + " records no patch digest (a lanes older than the digest check wrote it), so"
                  + " its stored patch cannot be told from one changed after the handoff",
              "",
              "Run " + redo + " to do the lane again; its new handoff records the digest.",
              "no patch digest"));
    }
    String now = PatchDigest.sha256(patch);
    if (!now.equals(recorded.get())) {
      return Optional.of(
          new Refusal(
              "tampered",
              "the stored patch of "
                  + lane
                  + " attempt "
                  + item.attempt()
                  + " changed after its handoff (sha256 "
                  + PatchDigest.brief(recorded.get())
                  + " recorded, "
                  + PatchDigest.brief(now)
                  + " now)"
                  + (outside.isEmpty()
                      ? ""
                      : "; it now touches files outside the lane's scope: "
                          + String.join(", ", outside)),
              "recorded at handoff: sha256 "
                  + recorded.get()
                  + "\nstored patch now:   sha256 "
                  + now,
              "Something other than lanes wrote "
                  + ".lanes/run/"
                  + lane
                  + "/"
                  + item.attempt()
                  + ".patch after the handoff: another lane's worker, or a process a worker left"
                  + " running. Find and stop it, then run "
                  + redo
                  + " to do the lane again.",
              "patch changed after handoff"));
    }
    if (!outside.isEmpty()) {
      return Optional.of(
          new Refusal(
              "scope",
              "the patch touches files outside the lane's scope: " + String.join(", ", outside),
              "",
              "Widen the lane's scope in PLAN.md, or keep it and let the worker redo the work"
                  + " inside it; then run "
                  + redo
                  + ".",
              "outside scope: " + String.join(", ", outside)));
    }
    return Optional.empty();
  }

  /**
   * Why a patch is not landed.
   *
   * @param kind the failure entry's kind
   * @param why what is wrong, as a clause
   * @param evidence the failure entry's evidence (its tail)
   * @param remediation what to do, as sentences
   * @param note the Board's short note
   */
  record Refusal(String kind, String why, String evidence, String remediation, String note) {}
}
