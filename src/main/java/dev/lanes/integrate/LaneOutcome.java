package dev.lanes.integrate;

import dev.lanes.plan.LaneId;
import java.util.Optional;

/**
 * What an integration did with one lane: landed as a commit on the target, or dropped and reopened,
 * with a one-line summary for the person.
 */
public record LaneOutcome(
    LaneId lane, int attempt, boolean landed, Optional<String> commit, String summary) {}
