package dev.lanes.port;

import java.util.List;

/**
 * How {@code git apply --3way --index} of one patch went: cleanly, or with the files that conflict
 * and git's own words.
 */
public record ApplyOutcome(boolean clean, List<String> conflictingFiles, String output) {

  public ApplyOutcome {
    conflictingFiles = List.copyOf(conflictingFiles);
  }
}
