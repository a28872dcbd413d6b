package dev.lanes.port;

/** What became of one compare-and-swap of the target branch. */
public enum MoveOutcome {
  /** The target branch now points at the gated staging tip. */
  MOVED,
  /** Someone moved the target meanwhile; staging must be rebuilt on the new tip. */
  TARGET_MOVED,
  /** The checkout holding the target has local changes the landed work touches; nothing moved. */
  CHECKOUT_IN_THE_WAY
}
