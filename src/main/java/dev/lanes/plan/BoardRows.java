package dev.lanes.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Edits of the Board table: one row per lane, replaced in place or appended in plan order. */
public final class BoardRows {
  private BoardRows() {}

  /**
   * A note as the Board's note cell shows it: one line without backticks or cell separators (the
   * ledger keeps the exact text), cut to 120 characters.
   */
  public static String note(String text) {
    String plain = text.replace("`", "").replace("|", "/").replace("\n", " ");
    return Shortened.of(plain, 120);
  }

  /** The board with {@code lane}'s row set to the given values (other columns kept). */
  public static List<BoardRow> set(
      Plan plan,
      LaneId lane,
      BoardStatus status,
      OptionalInt wave,
      int attempt,
      Optional<String> checkpoint,
      Optional<String> note,
      Instant now) {
    List<BoardRow> rows = new ArrayList<>(plan.board());
    for (int i = 0; i < rows.size(); i++) {
      BoardRow old = rows.get(i);
      if (old.lane().equals(lane)) {
        rows.set(
            i,
            new BoardRow(
                lane,
                status,
                wave.isPresent() ? wave : old.wave(),
                attempt,
                checkpoint.orElse(old.checkpoint()),
                Optional.of(now),
                note.orElse(old.note())));
        return rows;
      }
    }
    rows.add(
        new BoardRow(
            lane, status, wave, attempt, checkpoint.orElse(""), Optional.of(now), note.orElse("")));
    return rows;
  }

  public static Optional<BoardRow> of(Plan plan, LaneId lane) {
    return plan.board().stream().filter(r -> r.lane().equals(lane)).findFirst();
  }
}
