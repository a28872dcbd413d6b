package dev.lanes.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanes.ledger.LedgerEntry.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerNamesTest {

  @Test
  void namesHaveThreeDigitsAndMoreOncePast999() {
    assertThat(LedgerNames.fileName(1, Kind.DISPATCH)).isEqualTo("001-dispatch.md");
    assertThat(LedgerNames.fileName(42, Kind.HANDOFF)).isEqualTo("042-handoff.md");
    assertThat(LedgerNames.fileName(999, Kind.FAILURE)).isEqualTo("999-failure.md");
    assertThat(LedgerNames.fileName(1000, Kind.TOURNAMENT)).isEqualTo("1000-tournament.md");
  }

  @Test
  void numberingStartsAtOneAndFollowsTheHighestNumber() {
    assertThat(LedgerNames.nextNumber(List.of())).isEqualTo(1);
    assertThat(LedgerNames.nextNumber(List.of("README.md", ".keep"))).isEqualTo(1);
    assertThat(LedgerNames.nextNumber(List.of("001-dispatch.md", "007-failure.md", "003-x.md")))
        .as("gaps are not filled: the next number is above the highest")
        .isEqualTo(8);
    assertThat(LedgerNames.nextNumber(List.of("998-checkpoint.md", "999-handoff.md")))
        .isEqualTo(1000);
    assertThat(LedgerNames.nextNumber(List.of("1000-dispatch.md", "999-handoff.md")))
        .isEqualTo(1001);
  }

  @Test
  void parseReadsNumberAndKindOfLedgerNamesOnly() {
    assertThat(LedgerNames.parse("007-handoff.md")).contains(new LedgerFileName(7, Kind.HANDOFF));
    assertThat(LedgerNames.parse("1234-approval.md"))
        .contains(new LedgerFileName(1234, Kind.APPROVAL));
    for (String other :
        List.of(
            "000-handoff.md",
            "0001-handoff.md",
            "01-handoff.md",
            "001-unknown.md",
            "001-handoff.md.tmp",
            "001-Handoff.md",
            "README.md")) {
      assertThat(LedgerNames.parse(other)).as(other).isEqualTo(Optional.empty());
    }
  }

  @Test
  void everyKindRoundTripsThroughItsFileName() {
    for (Kind kind : Kind.values()) {
      for (int n : new int[] {1, 99, 999, 1000, 123456}) {
        assertThat(LedgerNames.parse(LedgerNames.fileName(n, kind)))
            .contains(new LedgerFileName(n, kind));
      }
    }
  }
}
