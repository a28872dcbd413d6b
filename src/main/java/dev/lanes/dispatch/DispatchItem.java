package dev.lanes.dispatch;

import dev.lanes.plan.LaneId;
import dev.lanes.scope.Scope;
import java.nio.file.Path;

/**
 * One lane as dispatch would run it: where, on which branch, with which command.
 *
 * @param attempt the attempt number this run would be (the Board's attempt plus one)
 * @param command the agent command with its placeholders filled, run through {@code sh -c}
 */
public record DispatchItem(
    LaneId lane,
    int wave,
    int attempt,
    String agent,
    Path worktree,
    String branch,
    Path promptFile,
    String command,
    Scope scope) {}
