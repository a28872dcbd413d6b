package dev.lanes.init;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code lanes init} did: the files it wrote and the files it found already there and left
 * alone, both relative to the repository root.
 */
public record InitResult(List<Path> created, List<Path> kept) {

  public InitResult {
    created = List.copyOf(created);
    kept = List.copyOf(kept);
  }
}
