/**
 * The integrator: {@code lanes integrate} lands handed-off lanes on the target branch like a merge
 * queue, one patch at a time, and moves the target only to a commit that passed its gates. {@link
 * dev.lanes.integrate.Integrator} runs the steps below as one short method each, in order, and each
 * says what it did; every git step goes through {@link dev.lanes.port.Staging}, and the gates
 * through {@link dev.lanes.gates.GateLadder}.
 *
 * <h2>Steps</h2>
 *
 * <ol>
 *   <li>Take the integrator lock ({@code .lanes/state/integrator.lock}, an OS file lock held for
 *       the whole run, and {@code integrator.pid}); a second integrator gets exit 3 naming the
 *       holder. The store's writer lock is taken only for each short Board/ledger write, so
 *       dispatches run side by side.
 *   <li>Read the queue: the Board's {@code handed-off} lanes in wave order, then plan order. A row
 *       the ledger does not back (no handoff entry for its attempt, or a failure, integration or
 *       other attempt's entry after it) is refused and left as it is. The checkout's AGENTS.md must
 *       have the gates table committed on the target (else exit 2): those gates are run.
 *   <li>For each queued lane, look for a commit on the target's history (since the lane's base)
 *       with trailers {@code Lane: <id>} and {@code Attempt: <n>}; one found was landed by a run
 *       that was stopped before its ledger write, and is only recorded now.
 *   <li>Reset the staging worktree {@code .lanes/integration} (branch {@code lanes/integration}) to
 *       the target's tip and run the {@code patch} gates on it, with no files (so gates using
 *       {@code {files}}, {@code {dirs}} or {@code {modules}} are skipped). A red target stops the
 *       run, exit 1, nobody blamed.
 *   <li>Per wave, per lane: check the stored patch's bytes against the SHA-256 its handoff entry
 *       recorded and its files against the lane's scope as the plan gives it now (either failing
 *       reopens the lane, as below); then {@code git apply --3way --index} those checked bytes,
 *       from memory (git's standard input, never the file again); a conflict, or a failing {@code
 *       patch} gate (with the patch's files as placeholders), drops it: staging is reset to its
 *       last commit, the lane is reopened (Board {@code reopened}, lock released, a failure entry
 *       and a dropped integration entry). Otherwise {@code git commit} records the index with the
 *       objective as message and the trailers {@code Lane}, {@code Attempt}, {@code Agent}, {@code
 *       Gates}.
 *   <li>After a wave, run the {@code wave} gates on staging. When they fail, bisect over the wave's
 *       landed lanes ({@link dev.lanes.integrate.WaveBisector}), reopen the breakers, rebuild the
 *       wave without them through the same apply-gate-commit path and gate the wave again. Gates
 *       run on the tree {@code git write-tree} gives; the ladder retries a failed gate up to {@code
 *       retries} times (a retry that passes is recorded as flaky, not blamed) and, within the run,
 *       does not run a gate again on a tree it already gated.
 *   <li>Move the target with a compare-and-swap: {@code git update-ref refs/heads/<target> <new>
 *       <old>}, or {@code git merge --ff-only <new>} inside the checkout that has the target
 *       checked out (it keeps uncommitted and untracked files and refuses when the landed work
 *       touches them: then nothing moves, exit 1, and staging keeps the gated result). If the
 *       target moved meanwhile, everything from step 2 runs again on its new tip, at most three
 *       times.
 *   <li>Record each landed lane: Board {@code integrated}, lock released, landed integration entry
 *       with the commit and every gate outcome.
 * </ol>
 *
 * <h2>Crash safety</h2>
 *
 * The target only moves in step 7, atomically, to a fully gated commit; everything before is done
 * on staging, which every run resets, so a killed run leaves the target where it was or at a gated
 * commit. Nothing is saved between runs but the Board and ledger, which are written only after the
 * fact they record is durable (a reopen after its patch is dropped; a landing after the target
 * moved); gate outcomes are cached in memory for one run only (a file would be a worker's to
 * forge), so a re-run gates again. Step 3 makes the landing record idempotent: a lane is never
 * applied twice.
 *
 * <p>For tests, the environment variable {@code LANES_TEST_CRASH_AT} halts the JVM (exit 137) at
 * the step it names: {@code after-lock}, {@code after-staging}, {@code after-base-gates}, {@code
 * after-apply:<lane>}, {@code after-patch-gates:<lane>}, {@code after-commit:<lane>}, {@code
 * after-reopen:<lane>}, {@code after-wave-gates} (the first wave) or {@code after-wave-gates:<n>},
 * {@code after-move}, {@code after-ledger:<lane>}.
 */
package dev.lanes.integrate;
