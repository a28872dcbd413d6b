package dev.lanes.port;

import dev.lanes.ledger.LedgerEntry;
import dev.lanes.plan.BoardRow;
import dev.lanes.plan.LockRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one store update writes: new Locks and Board tables (an absent one is kept as it is), ledger
 * entries to append, and the value handed back to the caller.
 */
public record StoreUpdate<T>(
    Optional<List<LockRow>> locks,
    Optional<List<BoardRow>> board,
    List<LedgerEntry> append,
    T result) {

  public StoreUpdate {
    locks = locks.map(List::copyOf);
    board = board.map(List::copyOf);
    append = List.copyOf(append);
  }

  /** Writes nothing and hands back {@code result}. */
  public static <T> StoreUpdate<T> of(T result) {
    return new StoreUpdate<>(Optional.empty(), Optional.empty(), List.of(), result);
  }

  public StoreUpdate<T> withLocks(List<LockRow> rows) {
    return new StoreUpdate<>(Optional.of(rows), board, append, result);
  }

  public StoreUpdate<T> withBoard(List<BoardRow> rows) {
    return new StoreUpdate<>(locks, Optional.of(rows), append, result);
  }

  public StoreUpdate<T> appending(LedgerEntry... entries) {
    List<LedgerEntry> all = new ArrayList<>(append);
    all.addAll(List.of(entries));
    return new StoreUpdate<>(locks, board, all, result);
  }
}
