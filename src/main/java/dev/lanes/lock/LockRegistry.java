package dev.lanes.lock;

import dev.lanes.lock.LockDecision.Granted;
import dev.lanes.lock.LockDecision.Refused;
import dev.lanes.plan.LaneId;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Locks table as a value: each operation decides on the current rows and returns the new rows
 * or a refusal, never touching a file (see the package description for the algorithm).
 */
public record LockRegistry(List<LockRow> rows, ScopeOverlap overlap) {
  private static final Pattern PID_AT_HOST = Pattern.compile("\\d+@.*");

  public LockRegistry {
    rows = List.copyOf(rows);
    Objects.requireNonNull(overlap, "overlap");
  }

  /**
   * Takes a new lock {@code <lane>#<fence>} over {@code scope} for {@code ttl} from {@code now}.
   * Refused while the lane has any lock row, or while any other row (live or stale) overlaps.
   *
   * @param fenceFloor the highest fence ever issued in this repository, kept by the caller; the new
   *     fence is above it and above every fence in the table
   */
  public LockDecision acquire(
      String lane,
      String owner,
      String scope,
      String objective,
      Instant now,
      Duration ttl,
      long fenceFloor) {
    if (!LaneId.isValid(lane)) {
      throw new IllegalArgumentException("not a lane id: " + lane);
    }
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(objective, "objective");
    requirePositive(ttl);
    if (fenceFloor < 0) {
      throw new IllegalArgumentException("fence floor must not be negative: " + fenceFloor);
    }
    Optional<LockRow> own = ofLane(lane);
    if (own.isPresent()) {
      return ownLockRefusal(lane, own.get(), now);
    }
    Optional<LockRow> stale = Optional.empty();
    for (LockRow row : rows) {
      if (!overlap.overlaps(scope, row.scope())) {
        continue;
      }
      if (!row.isStale(now)) {
        return new Refused(
            Refusal.OVERLAPS_LIVE,
            "lane %s overlaps live lock %s held by %s until %s; wait, or after it expires run %s"
                .formatted(
                    lane, row.lockId(), holder(row), Times.format(row.expires()), reclaim(row)),
            Optional.of(row));
      }
      if (stale.isEmpty()) {
        stale = Optional.of(row);
      }
    }
    if (stale.isPresent()) {
      LockRow row = stale.get();
      return new Refused(
          Refusal.OVERLAPS_STALE,
          "lane %s overlaps stale lock %s held by %s, which expired at %s; run %s to take it back"
              .formatted(
                  lane, row.lockId(), holder(row), Times.format(row.expires()), reclaim(row)),
          stale);
    }
    long fence = Math.addExact(Math.max(fenceFloor, highestFence()), 1);
    Instant start = floorMinute(now);
    LockRow lock =
        new LockRow(
            new LockId(lane, fence).toString(),
            owner,
            scope,
            objective,
            start,
            start,
            ceilMinute(now.plus(ttl)));
    List<LockRow> next = new ArrayList<>(rows);
    next.add(lock);
    return new Granted(next, lock);
  }

  /**
   * Renews the lock with exactly this id until {@code now + ttl} (never earlier than it already
   * ran). Refused when the row is gone (released or reclaimed) or already stale.
   */
  public LockDecision heartbeat(LockId id, Instant now, Duration ttl) {
    requirePositive(ttl);
    int index = indexOf(id.toString());
    if (index < 0) {
      return fencedOut(id);
    }
    LockRow row = rows.get(index);
    if (row.isStale(now)) {
      return new Refused(
          Refusal.EXPIRED,
          ("lock %s of lane %s expired at %s and can no longer be renewed; stop the work on it, "
                  + "only %s takes it back")
              .formatted(id, id.lane(), Times.format(row.expires()), reclaim(row)),
          Optional.of(row));
    }
    Instant heartbeat = latest(row.heartbeat(), floorMinute(now));
    Instant expires = latest(row.expires(), ceilMinute(now.plus(ttl)));
    LockRow renewed =
        new LockRow(
            row.lockId(),
            row.owner(),
            row.scope(),
            row.objective(),
            row.start(),
            heartbeat,
            expires);
    List<LockRow> next = new ArrayList<>(rows);
    next.set(index, renewed);
    return new Granted(next, renewed);
  }

  /**
   * Removes the lock with exactly this id, live or stale (its lane is done with it). Refused when
   * the row is gone, so a fenced-out holder cannot remove its successor's lock.
   */
  public LockDecision release(LockId id) {
    int index = indexOf(id.toString());
    if (index < 0) {
      return fencedOut(id);
    }
    List<LockRow> next = new ArrayList<>(rows);
    LockRow removed = next.remove(index);
    return new Granted(next, removed);
  }

  /**
   * Takes back a stale lock, named by its exact id as the table writes it, or by its lane when the
   * lane has exactly one lock row. A live lock is refused; the granted row is the one removed.
   */
  public LockDecision reclaim(String lockIdText, Instant now) {
    String text = lockIdText.trim();
    int index = indexOf(text);
    if (index < 0 && LaneId.isValid(text)) {
      List<Integer> lanes = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (laneOf(rows.get(i)).filter(text::equals).isPresent()) {
          lanes.add(i);
        }
      }
      if (lanes.size() > 1) {
        List<String> ids = lanes.stream().map(i -> rows.get(i).lockId()).toList();
        return new Refused(
            Refusal.UNKNOWN_LOCK,
            "lane %s has %d locks (%s); name the one to reclaim"
                .formatted(text, ids.size(), String.join(", ", ids)),
            Optional.empty());
      }
      index = lanes.isEmpty() ? -1 : lanes.get(0);
    }
    if (index < 0) {
      return new Refused(
          Refusal.UNKNOWN_LOCK,
          "no lock %s in the Locks table of PLAN.md; run \"lanes status\" to see the locks"
              .formatted(text.isEmpty() ? "''" : text),
          Optional.empty());
    }
    LockRow row = rows.get(index);
    if (!row.isStale(now)) {
      return new Refused(
          Refusal.STILL_LIVE,
          ("lock %s is live, held by %s until %s; only a stale lock can be reclaimed, so wait"
                  + " until it expires")
              .formatted(row.lockId(), holder(row), Times.format(row.expires())),
          Optional.of(row));
    }
    List<LockRow> next = new ArrayList<>(rows);
    LockRow removed = next.remove(index);
    return new Granted(next, removed);
  }

  /** The row with exactly this id. */
  public Optional<LockRow> find(LockId id) {
    int index = indexOf(id.toString());
    return index < 0 ? Optional.empty() : Optional.of(rows.get(index));
  }

  /** The (first) lock row of a lane, live or stale. */
  public Optional<LockRow> ofLane(String lane) {
    return rows.stream().filter(r -> laneOf(r).filter(lane::equals).isPresent()).findFirst();
  }

  /** The rows whose {@code expires} has not passed at {@code now}. */
  public List<LockRow> live(Instant now) {
    return rows.stream().filter(r -> !r.isStale(now)).toList();
  }

  /** The rows whose {@code expires} is before {@code now}: only reclaim takes them back. */
  public List<LockRow> stale(Instant now) {
    return rows.stream().filter(r -> r.isStale(now)).toList();
  }

  /** The highest fence in the table, 0 when it has none; the caller keeps the maximum it saw. */
  public long highestFence() {
    return rows.stream()
        .flatMap(r -> LockId.parse(r.lockId()).stream())
        .mapToLong(LockId::fence)
        .max()
        .orElse(0);
  }

  private Refused ownLockRefusal(String lane, LockRow row, Instant now) {
    if (row.isStale(now)) {
      return new Refused(
          Refusal.LANE_STALE,
          "lane %s still has stale lock %s held by %s, which expired at %s; run %s to take it back"
              .formatted(
                  lane, row.lockId(), holder(row), Times.format(row.expires()), reclaim(row)),
          Optional.of(row));
    }
    return new Refused(
        Refusal.LANE_LOCKED,
        "lane %s is locked by %s held by %s until %s; wait, or after it expires run %s"
            .formatted(lane, row.lockId(), holder(row), Times.format(row.expires()), reclaim(row)),
        Optional.of(row));
  }

  private Refused fencedOut(LockId id) {
    Optional<LockRow> successor = ofLane(id.lane());
    String now =
        successor
            .map(r -> " (lane %s is now locked by %s)".formatted(id.lane(), r.lockId()))
            .orElse("");
    return new Refused(
        Refusal.FENCED_OUT,
        ("lock %s is no longer in the Locks table: it was released or reclaimed%s; its holder"
                + " must stop working on lane %s")
            .formatted(id, now, id.lane()),
        successor);
  }

  private int indexOf(String lockId) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).lockId().trim().equals(lockId)) {
        return i;
      }
    }
    return -1;
  }

  private static Optional<String> laneOf(LockRow row) {
    return LockId.parse(row.lockId()).map(LockId::lane);
  }

  // The owner cell is usually "<pid>@<host>"; the word "pid" makes the sentence read.
  private static String holder(LockRow row) {
    String owner = row.owner().trim();
    if (owner.isEmpty()) {
      return "an unnamed owner";
    }
    return PID_AT_HOST.matcher(owner).matches() ? "pid " + owner : owner;
  }

  private static String reclaim(LockRow row) {
    return "\"lanes reclaim %s --note …\"".formatted(row.lockId().trim());
  }

  private static void requirePositive(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a lock ttl must be positive: " + ttl);
    }
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant floorMinute(Instant t) {
    return t.truncatedTo(ChronoUnit.MINUTES);
  }

  // Rounded up, the written expiry is never earlier than the one granted, so a table that keeps
  // whole minutes never makes a lock stale before its holder's ttl has run out.
  private static Instant ceilMinute(Instant t) {
    Instant floor = floorMinute(t);
    return floor.equals(t) ? t : floor.plus(1, ChronoUnit.MINUTES);
  }
}
