package dev.lanes.analysis;

import dev.lanes.plan.LaneId;
import java.util.List;

/**
 * Why a lane may not share a wave with other lanes: they share tracked files, they could all create
 * the same new path ({@code example}), or they all touch a hotspot. One conflict stands for a whole
 * group of lanes with one scope (or for every hotspot lane), and the lanes of a group share it, so
 * 10,000 lanes with one scope hold 10,000 conflicts, not 50 million.
 *
 * @param with the lanes, in plan order; may hold the lane itself, which never conflicts with itself
 *     ({@link #others})
 */
public record Conflict(
    List<LaneId> with, int sharedTrackedFiles, String example, boolean hotspotOnly) {

  public Conflict {
    with = List.copyOf(with);
  }

  /** The lanes of {@link #with} other than {@code self}, in plan order. */
  public List<LaneId> others(LaneId self) {
    return with.contains(self) ? with.stream().filter(id -> !id.equals(self)).toList() : with;
  }

  /** A sentence a person reads in the waves table. */
  public String reason() {
    if (hotspotOnly) {
      return "both touch a hotspot";
    }
    if (sharedTrackedFiles > 0) {
      return sharedTrackedFiles
          + (sharedTrackedFiles == 1 ? " shared file" : " shared files")
          + ", e.g. "
          + example;
    }
    return "both could create " + example;
  }
}
