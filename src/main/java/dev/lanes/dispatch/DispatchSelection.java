package dev.lanes.dispatch;

import java.util.List;

/**
 * What a dispatch would run now, and which lanes of that wave must wait (with the reason).
 *
 * @param wave the wave chosen, or 0 when lanes were named or nothing is left
 * @param baseBranch the target branch whose tip the worktrees start from
 */
public record DispatchSelection(
    int wave, String baseBranch, List<DispatchItem> run, List<String> waiting) {}
