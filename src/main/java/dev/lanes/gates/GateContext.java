package dev.lanes.gates;

import java.util.List;
import java.util.Objects;

/**
 * What a ladder run is about: the lane and the files it touched, repository-relative with {@code /}
 * separators, from which the {@code {files}}, {@code {dirs}} and {@code {modules}} placeholders are
 * computed.
 */
public record GateContext(String lane, List<String> files) {

  public GateContext {
    Objects.requireNonNull(lane, "lane");
    files = List.copyOf(files);
    for (String file : files) {
      // Module lookup walks up folders from the file; a path leaving the repository would let a
      // gate pick up a build file outside the tree being checked.
      if (file.isEmpty()
          || file.startsWith("/")
          || file.endsWith("/")
          || file.contains("\\")
          || ("/" + file + "/").contains("/../")
          || ("/" + file + "/").contains("/./")
          || file.contains("//")) {
        throw new IllegalArgumentException("not a repository-relative file path: " + file);
      }
    }
  }
}
