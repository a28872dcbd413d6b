package dev.lanes.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a resume needs from one lane's ledger, read back from the entries' markdown.
 *
 * @param lastCheckpoint the last checkpoint entry, read back whole
 * @param lastFailure the last failure entry, read back whole
 * @param approvedScopes the command prefixes of the approval entries, in order, without repeats
 * @param highestFence the highest fence of the {@code - Lock: <lane>#<fence>} lines of dispatch
 *     entries; 0 when there are none
 * @param attempts the attempt numbers seen in entry titles, ascending, without repeats
 */
public record LedgerFacts(
    Optional<CheckpointEntry> lastCheckpoint,
    Optional<FailureEntry> lastFailure,
    List<String> approvedScopes,
    long highestFence,
    List<Integer> attempts) {

  public LedgerFacts {
    approvedScopes = List.copyOf(approvedScopes);
    attempts = List.copyOf(attempts);
  }

  /** Nothing recorded yet. */
  public static final LedgerFacts EMPTY =
      new LedgerFacts(Optional.empty(), Optional.empty(), List.of(), 0, List.of());

  /** Reads the entries' texts, in ledger order; text that is not an entry is passed over. */
  public static LedgerFacts of(List<String> entryTexts) {
    Optional<CheckpointEntry> checkpoint = Optional.empty();
    Optional<FailureEntry> failure = Optional.empty();
    List<String> scopes = new ArrayList<>();
    long fence = 0;
    TreeSet<Integer> attempts = new TreeSet<>();
    for (String text : entryTexts) {
      EntryText t = EntryText.parse(text);
      t.attempt().ifPresent(attempts::add);
      LedgerEntry.Kind kind = t.kind().orElse(null);
      if (kind == LedgerEntry.Kind.CHECKPOINT) {
        Optional<CheckpointEntry> read = CheckpointEntry.read(t);
        checkpoint = read.isPresent() ? read : checkpoint;
      } else if (kind == LedgerEntry.Kind.FAILURE) {
        Optional<FailureEntry> read = FailureEntry.read(t);
        failure = read.isPresent() ? read : failure;
      } else if (kind == LedgerEntry.Kind.APPROVAL) {
        t.item("Scope")
            .map(EntryMarkdown::uncode)
            .filter(s -> !s.isEmpty() && !scopes.contains(s))
            .ifPresent(scopes::add);
      } else if (kind == LedgerEntry.Kind.DISPATCH) {
        fence = Math.max(fence, t.item("Lock").map(LedgerFacts::fence).orElse(0L));
      }
    }
    return new LedgerFacts(checkpoint, failure, scopes, fence, new ArrayList<>(attempts));
  }

  /** The fence of {@code <lane>#<fence>}; 0 when the text is not such an id. */
  static long fence(String lockId) {
    String id = lockId.strip();
    int hash = id.lastIndexOf('#');
    String digits = hash < 0 ? "" : id.substring(hash + 1);
    if (digits.isEmpty()
        || digits.length() > 18
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return 0;
    }
    return Long.parseLong(digits);
  }
}
