package dev.lanes.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanes.error.ExitCode;
import dev.lanes.lock.LockDecision.Granted;
import dev.lanes.lock.LockDecision.Refused;
import dev.lanes.plan.LockRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LockRegistryTest {
  private static final ScopeOverlap OVERLAP = new SamplePathOverlap();
  private static final Duration TTL = Duration.ofMinutes(30);
  private static final Instant T1410 = Instant.parse("2026-11-22T14:10:00Z");

  private static Instant at(String time) {
    // Instant.parse on Java 17 wants seconds; "14:10" reads as 14:10:00.
    return Instant.parse("2026-11-22T" + (time.length() == 5 ? time + ":00" : time) + "Z");
  }

  private static LockRow row(String id, String scope, String start, String expires) {
    return new LockRow(id, "4121@host", scope, "objective", at(start), at(start), at(expires));
  }

  private static LockRegistry registry(LockRow... rows) {
    return new LockRegistry(List.of(rows), OVERLAP);
  }

  private static Granted granted(LockDecision d) {
    assertThat(d).isInstanceOf(Granted.class);
    return (Granted) d;
  }

  private static Refused refused(LockDecision d) {
    assertThat(d).isInstanceOf(Refused.class);
    return (Refused) d;
  }

  @Nested
  class Acquire {
    @Test
    void firstLockOfTheRepositoryIsFenceOneWithWholeMinuteTimes() {
      Granted g =
          granted(
              registry()
                  .acquire("L-003", "4121@host", "src/api/**", "api", at("14:10:30"), TTL, 0));

      assertThat(g.lock())
          .isEqualTo(
              new LockRow(
                  "L-003#1",
                  "4121@host",
                  "src/api/**",
                  "api",
                  at("14:10:00"),
                  at("14:10:00"),
                  at("14:41:00")));
      assertThat(g.rows()).containsExactly(g.lock());
    }

    @Test
    void expiryOnAWholeMinuteIsNotRoundedFurther() {
      Granted g = granted(registry().acquire("L-003", "o", "src/**", "x", T1410, TTL, 0));

      assertThat(g.lock().expires()).isEqualTo(at("14:40:00"));
    }

    @Test
    void fenceIsAboveTheFloorCallerKeeps() {
      Granted g = granted(registry().acquire("L-003", "o", "src/**", "x", T1410, TTL, 7));

      assertThat(g.lock().lockId()).isEqualTo("L-003#8");
    }

    @Test
    void fenceIsAboveEveryFenceInTheTableEvenWhenTheFloorLags() {
      LockRegistry r = registry(row("L-001#12", "docs/**", "14:00", "14:30"));

      Granted g = granted(r.acquire("L-003", "o", "src/**", "x", T1410, TTL, 3));

      assertThat(g.lock().lockId()).isEqualTo("L-003#13");
      assertThat(g.rows()).extracting(LockRow::lockId).containsExactly("L-001#12", "L-003#13");
    }

    @Test
    void disjointScopesAreGrantedSideBySide() {
      LockRegistry r = registry(row("L-001#1", "src/web/**", "14:00", "14:30"));

      Granted g = granted(r.acquire("L-003", "o", "src/api/**", "x", T1410, TTL, 1));

      assertThat(g.rows()).hasSize(2);
    }

    @Test
    void anExclusionMakesScopesDisjoint() {
      LockRegistry r = registry(row("L-001#1", "src/**, !src/legacy/**", "14:00", "14:30"));

      assertThat(r.acquire("L-003", "o", "src/legacy/**", "x", T1410, TTL, 1))
          .isInstanceOf(Granted.class);
    }

    @Test
    void aLiveOverlappingLockRefusesWithHolderTimeAndRemedy() {
      LockRow holder = row("L-001#2", "src/**", "14:10", "14:40");
      LockRegistry r = registry(holder);

      Refused no = refused(r.acquire("L-003", "o", "src/api/**", "x", at("14:20"), TTL, 2));

      assertThat(no.why()).isEqualTo(Refusal.OVERLAPS_LIVE);
      assertThat(no.why().exitCode()).isEqualTo(ExitCode.BUSY);
      assertThat(no.reason())
          .isEqualTo(
              "lane L-003 overlaps live lock L-001#2 held by pid 4121@host until"
                  + " 2026-11-22T14:40Z; wait, or after it expires run"
                  + " \"lanes reclaim L-001#2 --note …\"");
      assertThat(no.holder()).contains(holder);
    }

    @Test
    void aLockIsStillLiveAtTheMinuteItExpires() {
      LockRegistry r = registry(row("L-001#2", "src/**", "14:10", "14:40"));

      assertThat(refused(r.acquire("L-003", "o", "src/**", "x", at("14:40:00"), TTL, 2)).why())
          .isEqualTo(Refusal.OVERLAPS_LIVE);
      assertThat(refused(r.acquire("L-003", "o", "src/**", "x", at("14:40:01"), TTL, 2)).why())
          .isEqualTo(Refusal.OVERLAPS_STALE);
    }

    @Test
    void aStaleOverlappingLockStillRefusesAndSaysHowToReclaimIt() {
      LockRow stale = row("L-001#2", "src/**", "13:00", "13:30");
      LockRegistry r = registry(stale);

      Refused no = refused(r.acquire("L-003", "o", "src/api/**", "x", T1410, TTL, 2));

      assertThat(no.why()).isEqualTo(Refusal.OVERLAPS_STALE);
      assertThat(no.reason())
          .isEqualTo(
              "lane L-003 overlaps stale lock L-001#2 held by pid 4121@host, which expired at"
                  + " 2026-11-22T13:30Z; run \"lanes reclaim L-001#2 --note …\" to take it back");
      assertThat(no.holder()).contains(stale);
    }

    @Test
    void aLiveOverlapIsNamedBeforeAStaleOne() {
      LockRow stale = row("L-001#2", "src/api/**", "13:00", "13:30");
      LockRow live = row("L-002#3", "src/api/gen/**", "14:00", "14:30");

      Refused no =
          refused(registry(stale, live).acquire("L-003", "o", "src/**", "x", T1410, TTL, 3));

      assertThat(no.why()).isEqualTo(Refusal.OVERLAPS_LIVE);
      assertThat(no.holder()).contains(live);
    }

    @Test
    void aStaleLockThatDoesNotOverlapDoesNotBlock() {
      LockRegistry r = registry(row("L-001#2", "docs/**", "13:00", "13:30"));

      assertThat(r.acquire("L-003", "o", "src/**", "x", T1410, TTL, 2)).isInstanceOf(Granted.class);
    }

    @Test
    void theLaneCannotTakeASecondLockWhileItsFirstIsLive() {
      LockRow own = row("L-003#4", "docs/**", "14:00", "14:30");

      Refused no = refused(registry(own).acquire("L-003", "o", "src/**", "x", T1410, TTL, 4));

      assertThat(no.why()).isEqualTo(Refusal.LANE_LOCKED);
      assertThat(no.reason())
          .isEqualTo(
              "lane L-003 is locked by L-003#4 held by pid 4121@host until 2026-11-22T14:30Z;"
                  + " wait, or after it expires run \"lanes reclaim L-003#4 --note …\"");
      assertThat(no.holder()).contains(own);
    }

    @Test
    void theLaneMustReclaimItsOwnStaleLockFirst() {
      LockRow own = row("L-003#4", "src/**", "13:00", "13:30");

      Refused no = refused(registry(own).acquire("L-003", "o", "src/**", "x", T1410, TTL, 4));

      assertThat(no.why()).isEqualTo(Refusal.LANE_STALE);
      assertThat(no.reason())
          .isEqualTo(
              "lane L-003 still has stale lock L-003#4 held by pid 4121@host, which expired at"
                  + " 2026-11-22T13:30Z; run \"lanes reclaim L-003#4 --note …\" to take it back");
    }

    @Test
    void anOwnerThatIsNotPidAtHostIsQuotedAsWritten() {
      LockRow holder =
          new LockRow(
              "L-001#2", "ana on laptop", "src/**", "x", at("14:00"), at("14:00"), at("14:30"));

      Refused no = refused(registry(holder).acquire("L-003", "o", "src/**", "x", T1410, TTL, 2));

      assertThat(no.reason()).contains("held by ana on laptop until");
    }

    @Test
    void badArgumentsAreProgrammingErrors() {
      LockRegistry r = registry();
      assertThatThrownBy(() -> r.acquire("L#3", "o", "src/**", "x", T1410, TTL, 0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> r.acquire("L-003", "o", "src/**", "x", T1410, Duration.ZERO, 0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> r.acquire("L-003", "o", "src/**", "x", T1410, TTL, -1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Heartbeat {
    private final LockRow other = row("L-001#1", "docs/**", "14:00", "14:30");
    private final LockRow mine = row("L-003#2", "src/**", "14:00", "14:30");
    private final LockId id = new LockId("L-003", 2);

    @Test
    void renewsInPlaceWithWholeMinutes() {
      Granted g = granted(registry(mine, other).heartbeat(id, at("14:20:45"), TTL));

      assertThat(g.lock())
          .isEqualTo(
              new LockRow(
                  "L-003#2",
                  "4121@host",
                  "src/**",
                  "objective",
                  at("14:00"),
                  at("14:20"),
                  at("14:51")));
      assertThat(g.rows()).containsExactly(g.lock(), other);
    }

    @Test
    void neverMovesExpiryEarlier() {
      Granted g = granted(registry(mine).heartbeat(id, at("14:05"), Duration.ofMinutes(5)));

      assertThat(g.lock().expires()).isEqualTo(at("14:30"));
      assertThat(g.lock().heartbeat()).isEqualTo(at("14:05"));
    }

    @Test
    void renewsAtTheMinuteItExpires() {
      assertThat(registry(mine).heartbeat(id, at("14:30:00"), TTL)).isInstanceOf(Granted.class);
    }

    @Test
    void anExpiredLockCannotBeRenewedAndItsHolderMustStop() {
      Refused no = refused(registry(mine).heartbeat(id, at("14:30:01"), TTL));

      assertThat(no.why()).isEqualTo(Refusal.EXPIRED);
      assertThat(no.why().exitCode()).isEqualTo(ExitCode.WORK_FAILED);
      assertThat(no.reason())
          .isEqualTo(
              "lock L-003#2 of lane L-003 expired at 2026-11-22T14:30Z and can no longer be"
                  + " renewed; stop the work on it, only \"lanes reclaim L-003#2 --note …\" takes"
                  + " it back");
      assertThat(no.holder()).contains(mine);
    }

    @Test
    void aReleasedLockIsFencedOut() {
      Refused no = refused(registry(other).heartbeat(id, at("14:10"), TTL));

      assertThat(no.why()).isEqualTo(Refusal.FENCED_OUT);
      assertThat(no.reason())
          .isEqualTo(
              "lock L-003#2 is no longer in the Locks table: it was released or reclaimed; its"
                  + " holder must stop working on lane L-003");
      assertThat(no.holder()).isEmpty();
    }

    @Test
    void anOldHolderIsFencedOutEvenWhenItsLaneHoldsANewerLock() {
      LockRow successor = row("L-003#5", "src/**", "15:00", "15:30");

      Refused no = refused(registry(successor).heartbeat(id, at("15:10"), TTL));

      assertThat(no.why()).isEqualTo(Refusal.FENCED_OUT);
      assertThat(no.reason())
          .isEqualTo(
              "lock L-003#2 is no longer in the Locks table: it was released or reclaimed (lane"
                  + " L-003 is now locked by L-003#5); its holder must stop working on lane L-003");
      assertThat(no.holder()).contains(successor);
    }
  }

  @Nested
  class Release {
    private final LockRow a = row("L-001#1", "docs/**", "14:00", "14:30");
    private final LockRow b = row("L-003#2", "src/**", "14:00", "14:30");

    @Test
    void removesExactlyThatRowAndReturnsIt() {
      Granted g = granted(registry(a, b).release(new LockId("L-003", 2)));

      assertThat(g.rows()).containsExactly(a);
      assertThat(g.lock()).isEqualTo(b);
    }

    @Test
    void aStaleLockCanBeReleasedByItsLane() {
      assertThat(registry(b).release(new LockId("L-003", 2))).isInstanceOf(Granted.class);
    }

    @Test
    void releasingTwiceIsRefused() {
      LockRegistry after =
          new LockRegistry(granted(registry(a, b).release(new LockId("L-003", 2))).rows(), OVERLAP);

      Refused no = refused(after.release(new LockId("L-003", 2)));

      assertThat(no.why()).isEqualTo(Refusal.FENCED_OUT);
      assertThat(after.rows()).containsExactly(a);
    }

    @Test
    void anOldIdDoesNotReleaseTheLanesNewerLock() {
      LockRow newer = row("L-003#7", "src/**", "14:00", "14:30");

      Refused no = refused(registry(newer).release(new LockId("L-003", 2)));

      assertThat(no.why()).isEqualTo(Refusal.FENCED_OUT);
      assertThat(no.holder()).contains(newer);
    }
  }

  @Nested
  class Reclaim {
    private final LockRow stale = row("L-001#2", "src/**", "13:00", "13:30");
    private final LockRow live = row("L-002#3", "docs/**", "14:00", "14:30");

    @Test
    void takesBackAStaleLockAndReturnsItForTheLedger() {
      Granted g = granted(registry(stale, live).reclaim("L-001#2", T1410));

      assertThat(g.lock()).isEqualTo(stale);
      assertThat(g.rows()).containsExactly(live);
    }

    @Test
    void afterTheReclaimTheLaneCanBeLockedAgainWithAHigherFence() {
      LockRegistry after =
          new LockRegistry(
              granted(registry(stale, live).reclaim("L-001#2", T1410)).rows(), OVERLAP);

      Granted g = granted(after.acquire("L-004", "o", "src/**", "x", T1410, TTL, 3));

      assertThat(g.lock().lockId()).isEqualTo("L-004#4");
      assertThat(refused(after.heartbeat(new LockId("L-001", 2), T1410, TTL)).why())
          .isEqualTo(Refusal.FENCED_OUT);
    }

    @Test
    void aLiveLockIsRefusedAsBusy() {
      Refused no = refused(registry(stale, live).reclaim("L-002#3", T1410));

      assertThat(no.why()).isEqualTo(Refusal.STILL_LIVE);
      assertThat(no.why().exitCode()).isEqualTo(ExitCode.BUSY);
      assertThat(no.reason())
          .isEqualTo(
              "lock L-002#3 is live, held by pid 4121@host until 2026-11-22T14:30Z; only a stale"
                  + " lock can be reclaimed, so wait until it expires");
      assertThat(no.holder()).contains(live);
    }

    @Test
    void anUnknownIdIsBadInput() {
      Refused no = refused(registry(stale).reclaim("L-001#9", T1410));

      assertThat(no.why()).isEqualTo(Refusal.UNKNOWN_LOCK);
      assertThat(no.why().exitCode()).isEqualTo(ExitCode.BAD_INPUT);
      assertThat(no.reason())
          .isEqualTo(
              "no lock L-001#9 in the Locks table of PLAN.md; run \"lanes status\" to see the"
                  + " locks");
      assertThat(no.holder()).isEmpty();
    }

    @Test
    void aLaneIdNamesTheLanesOnlyLock() {
      Granted g = granted(registry(stale, live).reclaim(" L-001 ", T1410));

      assertThat(g.lock()).isEqualTo(stale);
    }

    @Test
    void aLaneWithSeveralHandWrittenLocksMustNameOne() {
      LockRow second = row("L-001#5", "docs/**", "13:00", "13:30");

      Refused no = refused(registry(stale, second).reclaim("L-001", T1410));

      assertThat(no.why()).isEqualTo(Refusal.UNKNOWN_LOCK);
      assertThat(no.reason())
          .isEqualTo("lane L-001 has 2 locks (L-001#2, L-001#5); name the one to reclaim");
    }

    @Test
    void aHandWrittenIdThatIsNotLaneHashFenceCanStillBeReclaimed() {
      LockRow odd = row("old-lock", "src/**", "13:00", "13:30");

      Granted g = granted(registry(odd).reclaim("old-lock", T1410));

      assertThat(g.rows()).isEmpty();
    }
  }

  @Test
  void queriesSplitLiveFromStaleAndFindByExactId() {
    LockRow stale = row("L-001#2", "src/**", "13:00", "13:30");
    LockRow live = row("L-002#3", "docs/**", "14:00", "14:30");
    LockRegistry r = registry(stale, live);

    assertThat(r.live(T1410)).containsExactly(live);
    assertThat(r.stale(T1410)).containsExactly(stale);
    assertThat(r.find(new LockId("L-002", 3))).contains(live);
    assertThat(r.find(new LockId("L-002", 4))).isEmpty();
    assertThat(r.ofLane("L-001")).contains(stale);
    assertThat(r.ofLane("L-009")).isEqualTo(Optional.empty());
    assertThat(r.highestFence()).isEqualTo(3);
    assertThat(registry().highestFence()).isZero();
  }

  @Test
  void theRegistryKeepsItsOwnCopyOfTheRows() {
    List<LockRow> rows =
        new java.util.ArrayList<>(List.of(row("L-001#2", "src/**", "13:00", "13:30")));
    LockRegistry r = new LockRegistry(rows, OVERLAP);

    rows.clear();

    assertThat(r.rows()).hasSize(1);
  }
}
