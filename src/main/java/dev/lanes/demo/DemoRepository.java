package dev.lanes.demo;

import dev.lanes.error.BadInputException;
import dev.lanes.git.GitCli;
import dev.lanes.git.Worktrees;
import dev.lanes.init.StarterFiles;
import dev.lanes.policy.ShellWords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo's throw-away repository: {@code git init -b main} with a repository-local identity (so
 * it works on a machine without a global one), the calculator, PLAN.md, AGENTS.md, ledger/ and
 * policies/ in two commits, and the scripted agent under {@code .lanes/demo/}, which git ignores.
 *
 * @param root the repository
 * @param agentScript the scripted agent
 */
public record DemoRepository(Path root, Path agentScript) {

  /** The repository-local git identity of the demo. */
  public static final String USER_NAME = "lanes demo";

  public static final String USER_EMAIL = "demo@lanes.localhost";

  /**
   * Creates the repository in {@code root}, which must be missing or empty.
   *
   * @param lanesCommand shell words that start lanes, for the agent's {@code lanes checkpoint}
   */
  public static DemoRepository create(Path root, GitCli git, String lanesCommand) {
    if (Files.exists(root) && !isEmptyFolder(root)) {
      throw BadInputException.usage(
          "--dir " + root + " is not empty; name a new or empty folder, the demo fills it");
    }
    try {
      Files.createDirectories(root);
      git.run(root, "init", "-q", "-b", "main");
      git.run(root, "config", "user.name", USER_NAME);
      git.run(root, "config", "user.email", USER_EMAIL);
      for (Map.Entry<String, String> file : DemoFiles.project().entrySet()) {
        write(root.resolve(file.getKey()), file.getValue());
      }
      git.run(root, "add", "-A");
      git.run(root, "commit", "-q", "-m", "calc: add and mul, with tests");

      new Worktrees(git).ensureExcluded(root);
      Path agent = root.resolve(".lanes").resolve("demo").resolve("agent.sh");
      write(agent, DemoFiles.agentScript(lanesCommand));
      write(root.resolve("PLAN.md"), DemoFiles.plan());
      write(
          root.resolve("AGENTS.md"), DemoFiles.agents("sh " + ShellWords.quote(agent.toString())));
      write(root.resolve("ledger").resolve("README.md"), StarterFiles.ledgerReadme());
      write(root.resolve("policies").resolve("README.md"), StarterFiles.policiesReadme());
      git.run(root, "add", "-A");
      git.run(root, "commit", "-q", "-m", "Plan five lanes and the lanes policy");
      return new DemoRepository(root, agent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo repository in " + root, e);
    }
  }

  private static boolean isEmptyFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
