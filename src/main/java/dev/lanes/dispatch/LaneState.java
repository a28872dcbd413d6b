package dev.lanes.dispatch;

/** What a lane is doing right now, as the live terminal line shows it. */
public enum LaneState {
  WAITING("waiting"),
  PREPARING("preparing"),
  RUNNING("running"),
  CAPTURING("capturing"),
  GATING("gating"),
  HANDED_OFF("handed-off"),
  BLOCKED("blocked"),
  FAILED("failed");

  private final String word;

  LaneState(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public boolean finished() {
    return this == HANDED_OFF || this == BLOCKED || this == FAILED;
  }
}
