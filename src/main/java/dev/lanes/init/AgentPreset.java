package dev.lanes.init;

/**
 * A ready-made row of the agents table: a coding-agent CLI started headless on the prompt file,
 * allowed to edit files in its working directory and never waiting for an interactive answer.
 *
 * <p>Each command was checked against the CLI's own {@code --help} on {@link #CHECKED_ON} (see
 * {@link #CHECKED_VERSIONS}). Where a CLI would otherwise stop to ask, the preset picks the mode in
 * which requests beyond file edits are refused rather than asked, so a worker that needs more ends
 * and asks through lanes' approval loop instead of hanging.
 */
public enum AgentPreset {
  // -p/--print is the headless mode; acceptEdits lets it write files, other tools are refused.
  CLAUDE("claude", "claude -p --permission-mode acceptEdits \"$(cat {prompt_file})\""),
  // `codex exec` is the non-interactive mode (approval "never"); --full-auto no longer exists.
  CODEX("codex", "codex exec --sandbox workspace-write \"$(cat {prompt_file})\""),
  // Without --skip-trust, a fresh worktree is an untrusted folder and gemini silently drops the
  // approval mode back to "default".
  GEMINI("gemini", "gemini --skip-trust --approval-mode auto_edit -p \"$(cat {prompt_file})\""),
  // `opencode run` allows edits by default and auto-rejects anything that would ask; --auto would
  // approve everything not denied, which is more than a worker needs.
  OPENCODE("opencode", "opencode run \"$(cat {prompt_file})\""),
  // aider would otherwise add .aider* to .gitignore and write its history files into the
  // worktree, and both would show up in the lane's patch as edits outside its scope.
  AIDER(
      "aider",
      "aider --yes-always --no-check-update --no-analytics --no-gitignore"
          + " --chat-history-file /dev/null --input-history-file /dev/null"
          + " --message-file {prompt_file}");

  /** The day the presets were last checked against the real CLIs. */
  public static final String CHECKED_ON = "2026-11-26";

  /** The CLI versions the presets were checked against. */
  public static final String CHECKED_VERSIONS =
      "claude 2.1.197, codex-cli 0.171.0, gemini 0.61.0, opencode 1.18.33,"
          + " aider 0.88 (from its documentation and source)";

  private final String agentName;
  private final String command;

  AgentPreset(String agentName, String command) {
    this.agentName = agentName;
    this.command = command;
  }

  /** The name in the agents table's {@code agent} column. */
  public String agentName() {
    return agentName;
  }

  /** The shell command, with the {@code {prompt_file}} placeholder. */
  public String command() {
    return command;
  }
}
