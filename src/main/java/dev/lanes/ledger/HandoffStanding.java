package dev.lanes.ledger;

import dev.lanes.plan.LaneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a lane's ledger says of a Board row that calls one of its attempts handed off. The Board is
 * a table in PLAN.md that anyone can edit, so the integrator lands an attempt only when the ledger
 * backs it: a handoff entry of that attempt, with nothing after it that ends it (a failure or
 * integration entry, or another attempt's dispatch or handoff).
 *
 * @param patchSha256 the digest of the captured patch the handoff entry recorded; empty when it
 *     recorded none (an entry written before lanes recorded digests) or there is no entry
 * @param unbacked why the ledger does not back the row, as a clause; empty when it does
 */
public record HandoffStanding(Optional<String> patchSha256, Optional<String> unbacked) {
  /** The line of a handoff entry's Lane section that holds the digest. */
  static final String DIGEST_ITEM = "Patch SHA-256";

  public HandoffStanding {
    Objects.requireNonNull(patchSha256, "patchSha256");
    Objects.requireNonNull(unbacked, "unbacked");
  }

  /** Reads the lane's entry texts, in ledger order, for the Board's {@code attempt}. */
  public static HandoffStanding of(LaneId lane, int attempt, List<String> entryTexts) {
    int at = -1;
    EntryText handoff = null;
    List<EntryText> entries = entryTexts.stream().map(EntryText::parse).toList();
    for (int i = 0; i < entries.size(); i++) {
      EntryText t = entries.get(i);
      if (t.kind().orElse(null) == LedgerEntry.Kind.HANDOFF && is(t.attempt(), attempt)) {
        at = i;
        handoff = t;
      }
    }
    if (handoff == null) {
      return new HandoffStanding(
          Optional.empty(),
          Optional.of("the ledger has no handoff entry for " + lane + " attempt " + attempt));
    }
    for (EntryText later : entries.subList(at + 1, entries.size())) {
      LedgerEntry.Kind kind = later.kind().orElse(null);
      boolean ends =
          kind == LedgerEntry.Kind.FAILURE
              || kind == LedgerEntry.Kind.INTEGRATION
              || ((kind == LedgerEntry.Kind.DISPATCH || kind == LedgerEntry.Kind.HANDOFF)
                  && !is(later.attempt(), attempt));
      if (ends) {
        return new HandoffStanding(
            Optional.empty(),
            Optional.of(
                "the ledger has a "
                    + kind.word()
                    + " entry"
                    + (later.attempt().isPresent()
                        ? " of attempt " + later.attempt().getAsInt()
                        : "")
                    + " after the handoff entry of "
                    + lane
                    + " attempt "
                    + attempt));
      }
    }
    return new HandoffStanding(
        handoff.item("Lane", DIGEST_ITEM).filter(PatchDigest::isDigest), Optional.empty());
  }

  private static boolean is(OptionalInt attempt, int wanted) {
    return attempt.isPresent() && attempt.getAsInt() == wanted;
  }
}
