package dev.lanes.dispatch;

import dev.lanes.plan.LaneId;

/** Hears each lane's progress; the command renders it as live lines or plain log lines. */
public interface DispatchListener {
  /** The lane's state changed, or its worker printed {@code lastLine}. */
  void update(LaneId lane, LaneState state, String detail);

  /** Something lanes did for the lane that the person should read, e.g. ending a left worker. */
  default void note(LaneId lane, String sentence) {
    update(lane, LaneState.PREPARING, sentence);
  }
}
