package dev.lanes.plan;

import java.util.Optional;

/**
 * git's rules for a branch name ({@code git check-ref-format --branch}), kept in one place: a lane
 * id becomes the branch {@code lanes/<id>}, and AGENTS.md's {@code target:} names the branch the
 * integrator moves. A name git would refuse is bad input when the files are read, not a failure in
 * the middle of a dispatch.
 */
public final class BranchName {
  private BranchName() {}

  /** Why git would refuse {@code name} as a branch name, as a phrase; empty when it is fine. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("it is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("it contains a control character");
      }
      if (c == ' ') {
        return Optional.of("it contains a space");
      }
      if ("~^:?*[\\".indexOf(c) >= 0) {
        return Optional.of("it contains `" + c + "`");
      }
    }
    if (name.startsWith("-")) {
      return Optional.of("it starts with `-`");
    }
    if (name.equals("@") || name.equals("HEAD")) {
      return Optional.of("`" + name + "` is reserved");
    }
    for (String bad : new String[] {"..", "@{", "//"}) {
      if (name.contains(bad)) {
        return Optional.of("it contains `" + bad + "`");
      }
    }
    if (name.startsWith("/") || name.endsWith("/")) {
      return Optional.of("it starts or ends with `/`");
    }
    if (name.endsWith(".")) {
      return Optional.of("it ends with `.`");
    }
    for (String part : name.split("/", -1)) {
      if (part.startsWith(".")) {
        return Optional.of("a part of it starts with `.`");
      }
      if (part.endsWith(".lock")) {
        return Optional.of("a part of it ends with `.lock`");
      }
    }
    return Optional.empty();
  }
}
