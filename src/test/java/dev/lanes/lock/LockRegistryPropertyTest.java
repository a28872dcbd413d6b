package dev.lanes.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lanes.lock.LockDecision.Granted;
import dev.lanes.lock.LockDecision.Refused;
import dev.lanes.plan.LockRow;
import dev.lanes.plan.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Random interleavings of acquire, heartbeat, release, reclaim and clock advances by 3 to 5
 * holders, with the invariants of the Locks table checked after every step.
 */
class LockRegistryPropertyTest {
  private static final ScopeOverlap OVERLAP = new SamplePathOverlap();

  // Several of these overlap (src/** with most), some are disjoint (docs/** and src/web/**), and
  // one is disjoint from its neighbour only through an exclusion (src/**, !src/api/** and
  // src/api/gen/**).
  private static final List<String> SCOPES =
      List.of(
          "src/**",
          "src/api/**",
          "src/web/**",
          "docs/**",
          "src/**, !src/api/**",
          "src/api/gen/**",
          "README.md, docs/*.md");

  private static final Instant START = Instant.parse("2026-11-22T14:00:17Z");

  sealed interface Op {}

  record Acquire(int holder, int ttlMinutes) implements Op {}

  record Heartbeat(int holder, int ttlMinutes) implements Op {}

  record Release(int holder) implements Op {}

  /** Reclaims a holder's current lock (or its lane), or, past the holders, a dead id. */
  record Reclaim(int target, boolean byLane) implements Op {}

  record Advance(int seconds) implements Op {}

  private static Gen<Op> ops() {
    return integers()
        .between(0, 9)
        .zip(
            integers().between(0, 5),
            integers().between(1, 45),
            (kind, who, n) ->
                switch (kind) {
                  case 0, 1, 2 -> new Acquire(who, n);
                  case 3, 4 -> new Heartbeat(who, n);
                  case 5 -> new Release(who);
                  case 6, 7 -> new Reclaim(who, n % 2 == 0);
                  default -> new Advance(n * 60 + who * 11);
                });
  }

  @Test
  void noTwoLiveLocksOverlapAndLostLocksStayFencedOut() {
    qt().withExamples(400)
        .forAll(
            integers().between(3, 5),
            lists().of(integers().between(0, SCOPES.size() - 1)).ofSize(5),
            lists().of(ops()).ofSizeBetween(1, 80))
        .checkAssert(LockRegistryPropertyTest::run);
  }

  private static void run(int holders, List<Integer> scopeOf, List<Op> ops) {
    Instant now = START;
    LockRegistry registry = new LockRegistry(List.of(), OVERLAP);
    Map<Integer, LockId> held = new HashMap<>();
    Set<LockId> dead = new LinkedHashSet<>();
    long fenceFloor = 0;
    long lastFence = 0;
    for (Op op : ops) {
      if (op instanceof Acquire a) {
        int h = a.holder() % holders;
        LockDecision d =
            registry.acquire(
                lane(h),
                (4000 + h) + "@host",
                SCOPES.get(scopeOf.get(h)),
                "objective " + h,
                now,
                Duration.ofMinutes(a.ttlMinutes()),
                fenceFloor);
        if (d instanceof Granted g) {
          LockId id = LockId.parse(g.lock().lockId()).orElseThrow();
          assertThat(held).as("a holder with a lock row is refused").doesNotContainKey(h);
          assertThat(id.lane()).isEqualTo(lane(h));
          assertThat(g.lock().expires())
              .as("a new lock lasts its full ttl")
              .isAfterOrEqualTo(now.plus(Duration.ofMinutes(a.ttlMinutes())));
          // (3) fences grow strictly over grants.
          assertThat(id.fence()).isGreaterThan(lastFence);
          lastFence = id.fence();
          fenceFloor = Math.max(fenceFloor, id.fence());
          held.put(h, id);
          registry = new LockRegistry(g.rows(), OVERLAP);
        } else {
          Refused r = (Refused) d;
          boolean justified =
              held.containsKey(h)
                  || registry.rows().stream()
                      .anyMatch(row -> OVERLAP.overlaps(SCOPES.get(scopeOf.get(h)), row.scope()));
          assertThat(justified).as("refusal without cause: %s", r.reason()).isTrue();
        }
      } else if (op instanceof Heartbeat b) {
        LockId id = held.get(b.holder() % holders);
        if (id != null) {
          LockRow row = registry.find(id).orElseThrow();
          LockDecision d = registry.heartbeat(id, now, Duration.ofMinutes(b.ttlMinutes()));
          if (row.isStale(now)) {
            assertThat(d)
                .isInstanceOfSatisfying(
                    Refused.class, r -> assertThat(r.why()).isEqualTo(Refusal.EXPIRED));
          } else {
            Granted g = (Granted) d;
            assertThat(g.lock().expires())
                .as("a renewed lock lasts its full ttl")
                .isAfterOrEqualTo(now.plus(Duration.ofMinutes(b.ttlMinutes())));
            registry = new LockRegistry(g.rows(), OVERLAP);
          }
        }
      } else if (op instanceof Release r) {
        LockId id = held.remove(r.holder() % holders);
        if (id != null) {
          Granted g = (Granted) registry.release(id);
          dead.add(id);
          registry = new LockRegistry(g.rows(), OVERLAP);
        }
      } else if (op instanceof Reclaim c) {
        String text = reclaimText(c, holders, held, dead);
        Optional<LockRow> before =
            registry.rows().stream().filter(row -> row.lockId().equals(text)).findFirst();
        if (c.byLane() && c.target() < holders && before.isEmpty()) {
          before = registry.ofLane(text);
        }
        LockDecision d = registry.reclaim(text, now);
        if (before.isPresent() && !before.get().isStale(now)) {
          // (4) a live lock is never reclaimed.
          assertThat(d)
              .isInstanceOfSatisfying(
                  Refused.class, r -> assertThat(r.why()).isEqualTo(Refusal.STILL_LIVE));
        } else if (before.isEmpty()) {
          assertThat(d)
              .isInstanceOfSatisfying(
                  Refused.class, r -> assertThat(r.why()).isEqualTo(Refusal.UNKNOWN_LOCK));
        } else {
          Granted g = (Granted) d;
          assertThat(g.lock()).isEqualTo(before.get());
          LockId id = LockId.parse(g.lock().lockId()).orElseThrow();
          dead.add(id);
          held.values().remove(id);
          registry = new LockRegistry(g.rows(), OVERLAP);
        }
      } else if (op instanceof Advance v) {
        now = now.plusSeconds(v.seconds());
      }
      registry = throughTheTable(registry);
      checkInvariants(registry, now, dead);
    }
  }

  private static void checkInvariants(LockRegistry registry, Instant now, Set<LockId> dead) {
    List<LockRow> rows = registry.rows();
    List<LockRow> live = registry.live(now);
    // (1) no two live rows overlap; in a table only this registry wrote, no two rows at all.
    for (int i = 0; i < rows.size(); i++) {
      for (int j = i + 1; j < rows.size(); j++) {
        LockRow a = rows.get(i);
        LockRow b = rows.get(j);
        assertThat(OVERLAP.overlaps(a.scope(), b.scope()))
            .as(
                "%s overlaps %s (live: %s, %s) at %s",
                a.lockId(), b.lockId(), live.contains(a), live.contains(b), now)
            .isFalse();
      }
    }
    // (2) a released or reclaimed id is fenced out for good.
    for (LockId id : dead) {
      assertThat(registry.heartbeat(id, now, Duration.ofMinutes(30)))
          .isInstanceOfSatisfying(
              Refused.class, r -> assertThat(r.why()).isEqualTo(Refusal.FENCED_OUT));
      assertThat(registry.release(id))
          .isInstanceOfSatisfying(
              Refused.class, r -> assertThat(r.why()).isEqualTo(Refusal.FENCED_OUT));
    }
    // (4) at any moment, reclaiming any live lock is refused.
    for (LockRow row : live) {
      assertThat(registry.reclaim(row.lockId(), now))
          .isInstanceOfSatisfying(
              Refused.class, r -> assertThat(r.why()).isEqualTo(Refusal.STILL_LIVE));
    }
  }

  private static String reclaimText(
      Reclaim c, int holders, Map<Integer, LockId> held, Set<LockId> dead) {
    if (c.target() < holders) {
      LockId id = held.get(c.target());
      if (c.byLane() || id == null) {
        return lane(c.target());
      }
      return id.toString();
    }
    List<LockId> gone = new ArrayList<>(dead);
    return gone.isEmpty() ? "L-9#1" : gone.get(gone.size() - 1).toString();
  }

  // Writes every time as the table does and reads it back: the rows must come back unchanged.
  private static LockRegistry throughTheTable(LockRegistry registry) {
    List<LockRow> reread =
        registry.rows().stream()
            .map(
                r ->
                    new LockRow(
                        r.lockId(),
                        r.owner(),
                        r.scope(),
                        r.objective(),
                        reread(r.start()),
                        reread(r.heartbeat()),
                        reread(r.expires())))
            .toList();
    assertThat(reread).isEqualTo(registry.rows());
    return new LockRegistry(reread, OVERLAP);
  }

  private static Instant reread(Instant t) {
    return Times.parse(Times.format(t), LocalDate.of(2026, 11, 22)).orElseThrow();
  }

  private static String lane(int holder) {
    return "L-00" + holder;
  }
}
