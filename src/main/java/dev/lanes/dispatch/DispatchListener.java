package dev.lanes.dispatch;

import dev.lanes.plan.LaneId;

/** Hears each lane's progress; the command renders it as live lines or plain log lines. */
public interface DispatchListener {
  /** The lane's state changed, or its worker printed {@code lastLine}. */
  void update(LaneId lane, LaneState state, String detail);
}
