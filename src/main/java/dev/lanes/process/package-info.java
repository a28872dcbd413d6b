/**
 * The process adapter: runs worker and gate commands with Apache Commons Exec.
 *
 * <p>Commons Exec on its own kills only the direct child, so with {@code sh -c 'sleep 100 & sleep
 * 100'} the sleeps survive and hold the output pipe open. Here each command starts as {@code setsid
 * /bin/sh -c <command>}: the shell leads a new session and process group whose id is its pid (the
 * JVM's child is never a group leader, so {@code setsid} execs without forking). Ending a tree
 * (time limit, {@code stop()}, lanes exiting) snapshots {@code ProcessHandle.descendants()}, sends
 * {@code kill -s TERM -- -<pgid>}, waits up to a grace period (2 s) for the group and the snapshot
 * to be gone, then sends {@code kill -s KILL -- -<pgid>} and destroys every snapshotted descendant
 * still alive. When the shell exits on its own, whatever it left running in its group is ended the
 * same way before the output pumps are stopped, and the pumps have a stop timeout, so a pipe held
 * by an escaped grandchild cannot hang a run (it delays the outcome by at most about 6 s: Commons
 * Exec's {@code PumpStreamHandler} adds 2 s to the 1 s stop timeout, per stream).
 *
 * <p>"Gone" means exited, not reaped: on Linux the states come from {@code /proc/<pid>/stat}, where
 * a killed orphan waiting for init to reap it is a zombie; {@code ProcessHandle.isAlive()} and
 * {@code kill -0} count zombies as alive and would make every kill wait out the whole grace period
 * on machines whose init reaps slowly.
 *
 * <p>Because workers run in their own session, Ctrl-C on lanes' terminal does not reach them; a
 * shutdown hook ends every live tree when lanes exits. No hook runs on SIGKILL, so each group also
 * has a sentinel beside it (see {@code Lifeline}): a shell in its own session reading a pipe only
 * the JVM writes to, which ends the group when that pipe reaches EOF because the JVM died. What a
 * later lanes command finds still running of a recorded worker it ends through {@link
 * dev.lanes.process.KernelProcesses}, which trusts a pid only together with its start time.
 *
 * <p>Linux has {@code setsid} (util-linux) and {@code kill} (procps or util-linux). macOS ships no
 * {@code setsid} binary, so there the runner falls back to plain {@code sh -c} and ends trees
 * through the descendants snapshot alone: that reaches every process still attached to the tree at
 * the moment of the kill, but not background jobs orphaned earlier (their parent shell already
 * gone), and leftovers of a shell that exited on its own are not ended.
 *
 * <p>Each command's stdin is empty ({@code /dev/null} behind the sentinel's wrapper; closed at once
 * without {@code setsid}), its environment is exactly the one in the spec, and stdout and stderr
 * are appended line by line to the log file.
 */
package dev.lanes.process;
