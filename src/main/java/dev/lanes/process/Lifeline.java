package dev.lanes.process;

import java.nio.file.Path;

/**
 * The wrapper that makes a command's process group die with lanes, however lanes ends (SIGKILL
 * included). Java has no {@code prctl(PR_SET_PDEATHSIG)}, and a shutdown hook does not run on
 * SIGKILL, so the group gets a sentinel: a tiny {@code sh} blocked reading a pipe whose only writer
 * is the lanes JVM. The kernel closes that writer when the JVM dies, for whatever reason; the read
 * then sees EOF and the sentinel sends TERM to the group, waits up to 2 s for it to go, then KILL.
 *
 * <p>The pipe is the command's own stdin, so the sentinel exists from the moment the group does:
 * there is no gap between starting a worker and arming its sentinel in which a kill would leave the
 * worker unguarded, and the JVM needs no second launch per run. The wrapper (the group's leader,
 * whose pid {@code setsid} made the group id) moves that stdin to descriptor 3, gives it to the
 * sentinel only, closes its own copy and runs the real command with {@code /dev/null} as stdin, as
 * before (the command still reads EOF at once): nothing in the group holds the pipe.
 *
 * <p>The sentinel is not in the group it guards: it calls {@code setsid} itself, so a TERM to the
 * group does not end it before its KILL, and it holds neither output pipe ({@code /dev/null}), so
 * it never keeps the run's output pumps waiting. When the command ends, the wrapper TERMs the
 * sentinel and waits for it, so its own parent reaps it (not init, which in a container may never
 * reap), then exits with the command's exit code. Waiting rather than exec'ing the command costs
 * one shell process per run but keeps the sentinel's start off the path of a long run, and a quick
 * run never finds the sentinel still in its group before its {@code setsid} (which would make lanes
 * end the "leftovers" of every quick gate). Should the wrapper itself be killed while lanes lives,
 * lanes ends what is left of the group as always and then writes one line to the pipe, on which the
 * sentinel exits without signalling anyone. While lanes is alive, ending a tree ({@link
 * ProcessTree}) ends the sentinel with it, a descendant of the leader.
 *
 * <p>What it cannot do: a process that leaves the group ({@code setsid}, a double fork into its own
 * session) is out of its reach, as it is out of the reach of the group kill while lanes lives; and
 * when the sentinel itself is killed together with lanes, the next lanes command that touches the
 * lane ends the recorded group instead (see {@code dev.lanes.dispatch.LeftWorker}).
 */
final class Lifeline {
  private Lifeline() {}

  /**
   * Waits on stdin: a line means lanes saw the run end and ended what was left of the group, so
   * there is nothing to do; EOF without one means lanes died, and the group {@code $1} is ended:
   * TERM, up to 20 checks 0.1 s apart, KILL. {@code kill -s SIG -- -PGID} is the form dash, bash
   * and busybox all accept. Contains no single quote, so it can be quoted in the wrapper.
   */
  static final String SENTINEL =
      "read _ && exit 0\n"
          + "kill -s TERM -- -\"$1\" 2>/dev/null || exit 0\n"
          + "n=0\n"
          + "while kill -s 0 -- -\"$1\" 2>/dev/null; do\n"
          + "  [ $n -lt 20 ] || { kill -s KILL -- -\"$1\" 2>/dev/null; exit 0; }\n"
          + "  n=$((n+1)); sleep 0.1\n"
          + "done\n";

  /** What lanes writes to the sentinel once the run is over and its group is gone. */
  static final byte[] RUN_OVER = {'\n'};

  /**
   * The wrapper script, run as {@code sh -c <wrapper> lanes <script> [name args...]}: it starts the
   * sentinel in the background, runs {@code sh -c <script> [name args...]}, so the script sees the
   * {@code $0} and arguments it saw without the wrapper, then ends and reaps the sentinel and exits
   * with the script's exit code. A background command's stdin is {@code /dev/null} before its own
   * redirections (POSIX), hence the move to descriptor 3 first.
   */
  static String wrapper(Path setsid, Path shell) {
    return "s=$1; shift\n"
        + "exec 3<&0 </dev/null\n"
        + quote(setsid.toString())
        + " "
        + quote(shell.toString())
        + " -c "
        + quote(SENTINEL)
        + " lanes-sentinel \"$$\" <&3 >/dev/null 2>&1 3<&- &\n"
        + "w=$!\n"
        + "exec 3<&-\n"
        + quote(shell.toString())
        + " -c \"$s\" \"$@\"\n"
        + "r=$?\n"
        + "kill \"$w\" 2>/dev/null\n"
        + "wait \"$w\" 2>/dev/null\n"
        + "exit \"$r\"\n";
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
