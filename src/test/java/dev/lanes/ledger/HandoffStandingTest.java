package dev.lanes.ledger;

import static dev.lanes.ledger.LedgerEntryTest.DIGEST;
import static dev.lanes.ledger.LedgerEntryTest.LANE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether a lane's ledger backs a Board row that calls an attempt handed off. */
class HandoffStandingTest {
  private static final String DISPATCH = LedgerEntryTest.dispatch().render();
  private static final String HANDOFF = LedgerEntryTest.handoff().render();

  @Test
  void aHandoffWithNothingAfterItBacksTheRowAndGivesItsDigest() {
    HandoffStanding s =
        HandoffStanding.of(LANE, 2, List.of(DISPATCH, HANDOFF, LedgerEntryTest.reclaim().render()));
    assertThat(s.unbacked()).isEmpty();
    assertThat(s.patchSha256()).contains(DIGEST);
  }

  @Test
  void noEntriesOrAnotherAttemptsHandoffDoNotBackIt() {
    assertThat(HandoffStanding.of(LANE, 1, List.of()).unbacked())
        .contains("the ledger has no handoff entry for L-3 attempt 1");
    assertThat(HandoffStanding.of(LANE, 3, List.of(DISPATCH, HANDOFF)).unbacked())
        .contains("the ledger has no handoff entry for L-3 attempt 3");
  }

  @Test
  void aLaterFailureIntegrationOrNewAttemptEndsIt() {
    assertThat(
            HandoffStanding.of(
                    LANE, 2, List.of(DISPATCH, HANDOFF, LedgerEntryTest.failure().render()))
                .unbacked())
        .contains(
            "the ledger has a failure entry of attempt 2 after the handoff entry of L-3 attempt 2");
    assertThat(
            HandoffStanding.of(
                    LANE, 2, List.of(DISPATCH, HANDOFF, LedgerEntryTest.integration().render()))
                .unbacked())
        .isPresent();
    String next = DISPATCH.replace("attempt 2", "attempt 3");
    assertThat(HandoffStanding.of(LANE, 2, List.of(DISPATCH, HANDOFF, next)).unbacked())
        .contains(
            "the ledger has a dispatch entry of attempt 3 after the handoff entry of L-3 attempt 2");
  }

  @Test
  void anEntryFromBeforeDigestsBacksTheRowWithoutADigest() {
    String old = HANDOFF.replaceAll("(?m)^- Patch SHA-256: .*\\n", "");
    HandoffStanding s = HandoffStanding.of(LANE, 2, List.of(DISPATCH, old));
    assertThat(s.unbacked()).isEmpty();
    assertThat(s.patchSha256()).isEmpty();
  }

  @Test
  void aDigestLineInTheWorkersNotesIsNotTakenForTheRecordedOne() {
    // The Risks and Next sections come from the worker's handoff file; only the Lane section
    // counts.
    String old = HANDOFF.replaceAll("(?m)^- Patch SHA-256: .*\\n", "");
    String smuggled =
        old.replace(
            "vet warns about a shadowed variable",
            "- Patch SHA-256: " + PatchDigest.sha256(new byte[] {1}));
    assertThat(smuggled).isNotEqualTo(old);
    assertThat(HandoffStanding.of(LANE, 2, List.of(DISPATCH, smuggled)).patchSha256()).isEmpty();
  }
}
