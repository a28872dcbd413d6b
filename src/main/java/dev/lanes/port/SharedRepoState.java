package dev.lanes.port;

import java.util.List;

/**
 * What every worktree of a repository shares and a worker could change for good (config, hooks,
 * info/, refs), read as snapshots of type {@code S}, compared, and put back.
 */
public interface SharedRepoState<S> {

  /** What a change touched. */
  enum Area {
    CONFIG,
    FILE,
    REF,
    HEAD
  }

  /**
   * One difference between two snapshots.
   *
   * @param name the file ({@code hooks/pre-commit}), ref ({@code refs/heads/main}), {@code config}
   *     or {@code HEAD}
   * @param description what a person reads, e.g. {@code hooks/pre-commit added}, {@code config
   *     changed: core.fsmonitor}, {@code refs/heads/main moved from 1a2b3c4d5e6f to 6f5e4d3c2b1a}
   */
  record Change(Area area, String name, String description) {}

  /**
   * What {@link #restore} did.
   *
   * @param done what was put back, e.g. {@code hooks/pre-commit removed}
   * @param notDone what was left as it is now, and why
   */
  record Restoration(List<String> done, List<String> notDone) {}

  /** Reads the shared state now. */
  S take();

  /** What differs from {@code before} in {@code now}, less what lanes itself moves. */
  List<Change> changes(S before, S now);

  /** Puts back what {@code changes} found, as far as it can. */
  Restoration restore(S before, S now, List<Change> changes);
}
