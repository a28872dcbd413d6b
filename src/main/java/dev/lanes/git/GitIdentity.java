package dev.lanes.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The name and e-mail that commits lanes makes carry: the repository's configured {@code user.name}
 * and {@code user.email} as git resolves them (local, worktree, global and system config), each
 * falling back on its own to {@code lanes <lanes@localhost>}, so that a fresh CI machine without
 * any git identity still works.
 */
public record GitIdentity(String name, String email) {
  public static final GitIdentity LANES = new GitIdentity("lanes", "lanes@localhost");

  public GitIdentity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
  }

  /** The identity git would commit with in {@code dir}, or the lanes fallback where none is set. */
  public static GitIdentity resolve(GitCli git, Path dir) {
    return new GitIdentity(
        configured(git, dir, "user.name").orElse(LANES.name),
        configured(git, dir, "user.email").orElse(LANES.email));
  }

  /** The variables that make a git commit use this identity for author and committer. */
  public Map<String, String> env() {
    return Map.of(
        "GIT_AUTHOR_NAME", name,
        "GIT_AUTHOR_EMAIL", email,
        "GIT_COMMITTER_NAME", name,
        "GIT_COMMITTER_EMAIL", email);
  }

  @Override
  public String toString() {
    return name + " <" + email + ">";
  }

  private static Optional<String> configured(GitCli git, Path dir, String key) {
    CliCall call = new CliCall(dir, List.of("config", "--get", key), Map.of());
    CliResult r = git.execute(call, Optional.empty());
    if (r.exitCode() == 1) {
      return Optional.empty(); // not set anywhere git looks
    }
    if (r.exitCode() != 0) {
      throw new CliCallException(call, r.exitCode(), r.stderr());
    }
    String value = r.stdoutText().strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
