package dev.lanes.cli;

import dev.lanes.error.ExitCode;
import dev.lanes.git.GitRepository;
import dev.lanes.init.Init;
import dev.lanes.init.InitResult;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code lanes init}: writes the starting AGENTS.md, PLAN.md, ledger/ and policies/. */
@Command(
    name = "init",
    header = "Write a starting AGENTS.md, PLAN.md, ledger/ and policies/.",
    description = {
      "Write a starting AGENTS.md (every heading, gates guessed from the build files found,",
      "agent presets), PLAN.md with one example lane, ledger/ and policies/.",
      "Never overwrites a file you have: a second run changes nothing and says so."
    },
    footer = {"", "Example:", "  cd my-repo && lanes init && lanes validate"})
public final class InitCommand extends RepoCommand {
  @Override
  public Integer call() {
    GitRepository repository = repository();
    InitResult result = Init.run(repository.workTree(), repository.branch());
    result.created().forEach(p -> out().println("created " + p));
    String kept = result.kept().stream().map(Path::toString).collect(Collectors.joining(", "));
    if (result.created().isEmpty()) {
      out()
          .println(
              "Nothing to do: " + kept + " already exist, and lanes never overwrites your files.");
      return ExitCode.OK.code();
    }
    if (!kept.isEmpty()) {
      out().println("kept as they are: " + kept);
    }
    out().println("Next: edit PLAN.md and AGENTS.md, then run `lanes validate` and `lanes waves`.");
    return ExitCode.OK.code();
  }
}
