package dev.lanes.cli;

import dev.lanes.analysis.Workspace;
import dev.lanes.git.GitCli;
import dev.lanes.git.GitRepository;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** What every command on a repository shares: the common options, the streams, the wiring. */
abstract class RepoCommand implements Callable<Integer> {
  @CommandLine.Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // Set by LanesCommand's factory to report git calls where the caller asks for them.
  Wiring wiring = new Wiring(call -> {});

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  GitRepository repository() {
    return GitRepository.open(common.repoOrCwd());
  }

  /** Reads PLAN.md and AGENTS.md of the repository. */
  Loaded load() {
    GitRepository repository = repository();
    return new Loaded(
        Workspace.load(repository.workTree(), LocalDate.now(wiring.clock)), repository, wiring.git);
  }

  /** The workspace, refused with exit 2 when PLAN.md or AGENTS.md has a problem. */
  Workspace workspace() {
    return load().workspace().requireValidInput();
  }

  /** Who acts: the git identity's name if any, else the login name. */
  static String person() {
    String user = System.getenv("GIT_AUTHOR_NAME");
    return user == null || user.isBlank() ? System.getProperty("user.name", "unknown") : user;
  }

  /** A workspace with the repository it was read from. */
  record Loaded(Workspace workspace, GitRepository repository, GitCli git) {
    List<String> trackedFiles() {
      return repository.trackedFiles(git);
    }

    /** The checked-out branch, or {@code HEAD} when detached. */
    String branch() {
      return repository.branch().orElse("HEAD");
    }
  }
}
