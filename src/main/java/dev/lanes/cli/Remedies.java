package dev.lanes.cli;

import dev.lanes.error.BadInputException;

/** The sentences commands tell a person, with the command that remedies each, in one place. */
final class Remedies {
  private Remedies() {}

  static String resume(Object lane) {
    return "`lanes resume " + lane + "`";
  }

  static String approveThenResume(Object lane) {
    return "`lanes approve " + lane + " --scope \"<command prefix>\"`, then " + resume(lane);
  }

  static String reclaim(String lockId) {
    return "`lanes reclaim " + lockId + " --note …`";
  }

  static BadInputException noLane(String lane) {
    return BadInputException.usage("no lane `" + lane + "` in PLAN.md");
  }

  static BadInputException badDuration(String option, String value) {
    return BadInputException.usage(
        option + " takes a duration like 90s, 45m or 2h, not `" + value + "`");
  }

  static BadInputException badParallel(int value) {
    return BadInputException.usage("--parallel takes a whole number of at least 1, not " + value);
  }

  static BadInputException noTarget() {
    return BadInputException.usage(
        "no target branch: the checkout is on a detached HEAD and AGENTS.md sets no `target:`");
  }
}
