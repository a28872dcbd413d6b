package dev.lanes.cli;

import dev.lanes.git.GitRepository;
import dev.lanes.init.Init;
import dev.lanes.init.InitResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code lanes init}: writes the starting AGENTS.md, PLAN.md, ledger/ and policies/. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    header = "Write a starting AGENTS.md, PLAN.md, ledger/ and policies/.",
    description = {
      "Write a starting AGENTS.md (every heading, gates guessed from the build files found,",
      "agent presets), PLAN.md with one example lane, ledger/ and policies/.",
      "Never overwrites a file you have: a second run changes nothing and says so."
    },
    footer = {"", "Example:", "  cd my-repo && lanes init && lanes validate"})
public final class InitCommand extends RepoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    Path root;
    try (GitRepository git = openRepository()) {
      root = git.workTree();
    }
    InitResult result = Init.run(root);
    for (Path p : result.created()) {
      out().println("created " + p);
    }
    if (result.created().isEmpty()) {
      out()
          .println(
              "Nothing to do: "
                  + result.kept().stream().map(Path::toString).collect(Collectors.joining(", "))
                  + " already exist, and lanes never overwrites your files.");
    } else if (!result.kept().isEmpty()) {
      out()
          .println(
              "kept as they are: "
                  + result.kept().stream().map(Path::toString).collect(Collectors.joining(", ")));
    }
    if (!result.created().isEmpty()) {
      out()
          .println(
              "Next: edit PLAN.md and AGENTS.md, then run `lanes validate` and `lanes waves`.");
    }
    return 0;
  }
}
