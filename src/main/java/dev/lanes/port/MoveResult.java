package dev.lanes.port;

import java.nio.file.Path;
import java.util.Optional;

/** What a move of the target did, in which checkout (when one had it), and git's words. */
public record MoveResult(MoveOutcome outcome, Optional<Path> checkout, String gitOutput) {}
