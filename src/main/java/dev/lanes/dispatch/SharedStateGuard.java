package dev.lanes.dispatch;

import dev.lanes.plan.LaneId;
import dev.lanes.port.SharedRepoState;
import dev.lanes.port.SharedRepoState.Change;
import dev.lanes.port.SharedRepoState.Restoration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Watches what a dispatch's workers could change in the repository that outlives them (config,
 * hooks, info/, refs; see {@link SharedRepoState}), fails the lanes whose workers ran while it
 * changed, and puts it back.
 *
 * <p>Parallel lanes: the state is checked against one baseline at every worker start and every
 * worker end of this lanes process, so between two checks the set of running workers is fixed. A
 * change found at a check happened while exactly those workers ran; each of them is blamed (without
 * a sandbox lanes cannot tell which one made it, and says so), none that started after it or ended
 * before it. What lanes itself moves while workers run, another lane's capture committing on {@code
 * lanes/<lane>}, a {@code lanes integrate} beside the dispatch moving {@code lanes/integration} or
 * landing on the target, is no change (see {@link SharedRepoState#changes}). A change found while
 * no worker ran (the person's own) becomes the new baseline. After a restore the state is read
 * again, so that what could not be put back is reported once, not at every later check.
 */
final class SharedStateGuard<S> {
  private final SharedRepoState<S> state;
  private S baseline;
  private final Set<LaneId> running = new LinkedHashSet<>();
  private final Map<LaneId, List<Finding>> found = new HashMap<>();

  SharedStateGuard(SharedRepoState<S> state) {
    this.state = state;
  }

  /** What one check found, with the lanes whose workers ran meanwhile. */
  record Finding(List<Change> changes, Restoration restored, List<LaneId> suspects) {}

  /** Checks the state; call it just before the lane's worker starts. */
  synchronized void workerStarting(LaneId lane) {
    check();
    running.add(lane);
  }

  /**
   * Checks the state as the lane's worker has ended; what changed while it ran (now or at a check
   * of another lane meanwhile), if anything.
   */
  synchronized List<Finding> workerEnded(LaneId lane) {
    if (running.contains(lane)) {
      check();
      running.remove(lane);
    }
    List<Finding> mine = found.remove(lane);
    return mine == null ? List.of() : List.copyOf(mine);
  }

  private void check() {
    S now = state.take();
    if (baseline == null || running.isEmpty()) {
      baseline = now;
      return;
    }
    List<Change> changes = state.changes(baseline, now);
    if (changes.isEmpty()) {
      // Lanes' own branch moves are kept in the baseline, so that only new ones are compared.
      baseline = now;
      return;
    }
    Restoration restored = state.restore(baseline, now, changes);
    Finding finding = new Finding(changes, restored, List.copyOf(running));
    for (LaneId lane : running) {
      found.computeIfAbsent(lane, l -> new ArrayList<>()).add(finding);
    }
    baseline = state.take();
  }

  /** The failure entry's sentences for what was found while a lane's worker ran. */
  record Blame(String why, String impact, String remediation) {}

  /** Why the lane failed, what lanes put back, and what the person should check. */
  static Optional<Blame> blame(LaneId lane, List<Finding> findings) {
    if (findings.isEmpty()) {
      return Optional.empty();
    }
    Set<String> changed = new LinkedHashSet<>();
    Set<String> done = new LinkedHashSet<>();
    Set<String> notDone = new LinkedHashSet<>();
    Set<LaneId> others = new LinkedHashSet<>();
    for (Finding f : findings) {
      f.changes().forEach(c -> changed.add(c.description()));
      done.addAll(f.restored().done());
      notDone.addAll(f.restored().notDone());
      f.suspects().stream().filter(l -> !l.equals(lane)).forEach(others::add);
    }
    String who =
        others.isEmpty()
            ? "the worker changed what every worktree of the repository shares"
            : "what every worktree of the repository shares changed while the workers of "
                + lane
                + " and "
                + String.join(", ", others.stream().map(LaneId::value).toList())
                + " ran (lanes cannot tell which one did it)";
    String why = who + ": " + String.join("; ", changed);
    String impact =
        "The lane is not handed off; its lock is released. "
            + (done.isEmpty()
                ? "lanes put nothing back."
                : "lanes put back: " + String.join(", ", done) + ".")
            + (notDone.isEmpty() ? "" : " Not put back: " + String.join(", ", notDone) + ".");
    String remediation =
        "Check the repository's hooks (.git/hooks), its config (`git config --local --list`) and"
            + " branches (`git for-each-ref`) for anything else left behind; if you made one of"
            + " these changes yourself while the workers ran (a commit, `git config`), make it"
            + " again. Then run `lanes resume "
            + lane
            + "`.";
    return Optional.of(new Blame(why, impact, remediation));
  }
}
