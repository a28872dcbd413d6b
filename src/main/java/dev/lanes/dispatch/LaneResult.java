package dev.lanes.dispatch;

import dev.lanes.plan.LaneId;
import java.time.Duration;
import java.util.List;

/**
 * How one lane's run ended.
 *
 * @param summary one sentence for the terminal, e.g. "handed off: 3 files, gates 1 pass 0.2s"
 * @param outsideScope files the patch touched outside the lane's effective scope
 * @param possibleEscapes files of the main checkout that changed during the run
 */
public record LaneResult(
    LaneId lane,
    int attempt,
    LaneState state,
    String summary,
    List<String> outsideScope,
    List<String> possibleEscapes,
    Duration elapsed) {}
