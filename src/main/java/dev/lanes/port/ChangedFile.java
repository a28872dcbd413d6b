package dev.lanes.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One file a patch touches: its path after the change, its path before when it was renamed, and
 * what kind of change it is.
 */
public record ChangedFile(String path, Optional<String> oldPath, Kind kind) {

  /** The kinds of change git reports between two trees. */
  public enum Kind {
    ADDED,
    MODIFIED,
    DELETED,
    RENAMED,
    /** Only the executable bit changed; the content is the same. */
    MODE_CHANGED,
    /** A file became a symbolic link, or the other way round. */
    TYPE_CHANGED
  }

  public ChangedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(oldPath, "oldPath");
    Objects.requireNonNull(kind, "kind");
    if (oldPath.isPresent() != (kind == Kind.RENAMED)) {
      throw new IllegalArgumentException("an old path goes with a rename, and only with one");
    }
  }

  /** Every path the change touches: a rename touches both the old and the new one. */
  public List<String> touchedPaths() {
    return oldPath.map(old -> List.of(old, path)).orElse(List.of(path));
  }
}
