/**
 * {@code lanes demo}: the whole loop in a throw-away repository, run as a user would run it.
 *
 * <p>{@link dev.lanes.demo.DemoRepository} makes a real git repository holding a tiny POSIX-sh
 * calculator whose tests really run as gates, a PLAN.md of five lanes chosen to show each part of
 * the loop (two overlapping scopes, a dependency, a planned gate failure) and an AGENTS.md whose
 * first agent is a shell script ({@link dev.lanes.demo.DemoFiles#agentScript}) that makes each
 * lane's edits and calls {@code lanes checkpoint} like a coding agent would. {@link
 * dev.lanes.demo.DemoStory} then runs the ordinary commands in-process through a {@link
 * dev.lanes.demo.LanesRunner} and prints each one with its own output: nothing is simulated. The
 * demo exits 0 when every lane ended where the design says (the planned failure included), and
 * names each deviation otherwise.
 */
package dev.lanes.demo;
