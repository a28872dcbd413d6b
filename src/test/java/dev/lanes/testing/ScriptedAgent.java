package dev.lanes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A scripted agent for dispatch tests: a small {@code sh} script in the test's temporary folder,
 * named in AGENTS.md's agents table, that does what a real coding agent would do in its worktree.
 *
 * @param name the agent's name in the agents table
 * @param script the absolute path of the script
 */
public record ScriptedAgent(String name, Path script) {

  /**
   * Writes {@code dir/name.sh}: {@code body} after a preamble that stops at the first failing
   * command and gives git an identity for the commits the agent makes itself.
   */
  public static ScriptedAgent write(Path dir, String name, String body) {
    try {
      Files.createDirectories(dir);
      Path script = dir.resolve(name + ".sh").toAbsolutePath();
      String text =
          "#!/bin/sh\n"
              + "set -eu\n"
              + "export GIT_AUTHOR_NAME=agent GIT_AUTHOR_EMAIL=agent@example.com\n"
              + "export GIT_COMMITTER_NAME=agent GIT_COMMITTER_EMAIL=agent@example.com\n"
              + body
              + (body.endsWith("\n") ? "" : "\n");
      Files.writeString(script, text, StandardCharsets.UTF_8);
      return new ScriptedAgent(name, script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The agents table row naming this script. */
  public String row() {
    return "| " + name + " | `sh " + script + "` |";
  }

  /**
   * A shell command line that runs lanes in a fresh JVM with the test classpath, for scripts that
   * call {@code lanes checkpoint} the way a worker does.
   */
  public static String lanesCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return quote(java) + " -cp " + quote(classpath) + " dev.lanes.Main";
  }

  /** Single-quotes a word for {@code sh}. */
  public static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * AGENTS.md with every heading the bootstrap check wants, the given extra settings under {@code
   * ## Workers}, the lock settings, and these agents (the first is the default).
   *
   * @param lockSettings list items under {@code ## Locks}, e.g. {@code "- ttl: 1m\n"}
   * @param workerSettings list items under {@code ## Workers}, e.g. {@code "- copy: .env\n"}
   */
  public static String agentsFile(
      String lockSettings, String workerSettings, List<ScriptedAgent> agents) {
    StringBuilder rows = new StringBuilder();
    for (ScriptedAgent a : agents) {
      rows.append(a.row()).append('\n');
    }
    return "# Agents\n\n"
        + "## Worklog\nPLAN.md and ledger/ are written by lanes only.\n\n"
        + "## Locks\nOne lock per dispatched lane.\n"
        + lockSettings
        + "\n"
        + "## Integration\nOnly the integrator lands work.\n- target: main\n- max-parallel: 2\n\n"
        + "## Approvals\nAsk before installing anything.\n- pre-approved: git status\n\n"
        + "## Gates\n"
        + "| gate | name | command | when | timeout |\n"
        + "|---|---|---|---|---|\n"
        + "| 1 | unit | `true` | lane, patch | 5m |\n"
        + "| 2 | full | `true` | wave | 30m |\n\n"
        + "## Workers\nRun the tests of what you touch.\n"
        + workerSettings
        + "\n"
        + "## Agents\n"
        + "| agent | command |\n"
        + "|---|---|\n"
        + rows;
  }
}
