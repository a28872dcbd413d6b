package dev.lanes.analysis;

import dev.lanes.plan.LaneId;

/**
 * Why two lanes may not run in one wave: they share tracked files, they could both create the same
 * new path ({@code example}), or both touch a hotspot.
 */
public record Conflict(LaneId other, int sharedTrackedFiles, String example, boolean hotspotOnly) {

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
