/**
 * The single writer of PLAN.md's Locks and Board tables and of {@code ledger/}.
 *
 * <h2>Protocol of one update</h2>
 *
 * <ol>
 *   <li>Take the writer lock: an in-process {@code ReentrantLock} per repository (file locks belong
 *       to the whole JVM), then an exclusive {@code FileChannel} lock on {@code
 *       .lanes/state/writer.lock}, polled every 50 ms up to the store's wait (30 s by default); the
 *       holder writes {@code .lanes/state/writer.pid} so that a waiter that gives up can name it in
 *       its {@code BusyException}.
 *   <li>Finish the update a killed lanes left in {@code .lanes/state/journal} (see {@link
 *       dev.lanes.store.Journal}), if any.
 *   <li>Read PLAN.md (strict UTF-8) and parse it; any problem is a {@code BadInputException} and
 *       nothing is written.
 *   <li>Hand the snapshot to the caller's change function, which returns new tables, ledger entries
 *       and a result.
 *   <li>When the tables change the text and there are ledger entries, write them to {@code
 *       .lanes/state/journal} (a new file forced to disk and moved into place) first.
 *   <li>When the tables change the text, write the new text to a temporary file in {@code
 *       .lanes/state/} (inside the repository, so on PLAN.md's file system, and out of {@code git
 *       status}), with PLAN.md's permissions, and force it to disk. Then check that PLAN.md is
 *       still the file read in step 3 (the same identity, its inode) and still starts with the
 *       bytes read: opened first, and read through that open channel. Anything else (replaced,
 *       rewritten, truncated, missing) starts the round again at step 2 (at most 50 rounds, the
 *       journal dropped). Bytes appended since the read are copied to the end of the new file.
 *   <li>Replace PLAN.md by the new file in one atomic rename, right after a last look that PLAN.md
 *       is still that file; force the directory. PLAN.md is never moved aside, so it is never
 *       missing, and never half written.
 *   <li>Keep the old file open after the rename and read it again: what a person's {@code >>} that
 *       had opened it before the rename wrote into it is appended to the new PLAN.md; while someone
 *       appends, lanes watches until the old file has been still for 20 ms (at most 1 s). When the
 *       old file was instead rewritten in place in that instant, the person's version is put back
 *       as PLAN.md (the same way, with anything appended to lanes' file since) and the round starts
 *       again at step 2.
 *   <li>Append the ledger entries, each as the lane's next {@code NNN-<kind>.md} created new (never
 *       overwritten; a taken number moves on to the next) and forced to disk; then delete the
 *       journal.
 * </ol>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Two writers (threads or processes) never lose each other's updates: each reads PLAN.md
 *       under the lock.
 *   <li>PLAN.md is never missing and no byte written to it is lost, however it is written: an
 *       append is carried over, an in-place rewrite or an editor's save made before the last look
 *       wins and the update is applied to it again. lanes only replaces a file it has compared with
 *       what it read.
 *   <li>Bad input writes nothing. A crash leaves the old or the new PLAN.md (and, at most, a
 *       temporary file in {@code .lanes/state/}). PLAN.md is written before the ledger entries, so
 *       a crash never records an event whose tables were not written; one between them leaves the
 *       journal, and the next update (or {@code read}, which runs an empty update first) appends
 *       the entries not yet in the ledger (an entry already there, byte for byte, is not appended
 *       twice). A journal found while PLAN.md is still byte for byte what it was before that update
 *       is dropped: the update never happened.
 *   <li>No failed write jams the repository: a journaled entry that cannot be written (a file name
 *       too long, a file where its folder must be) and a journal that cannot be read are dropped,
 *       and the command that finds them fails once saying what was dropped; the next command works.
 *   <li>A {@code .lanes/state/PLAN.md.stash} left by an older lanes killed mid-write (those moved
 *       PLAN.md aside) is put back when PLAN.md is missing, deleted when it equals PLAN.md, and
 *       otherwise left for the person to compare.
 * </ul>
 *
 * <p>What lanes cannot prevent: an editor that saves a buffer read before lanes' last write puts
 * the old tables back; the next lanes update works from what it then finds. A rename cannot be made
 * conditional in Java, so an editor's save renamed over PLAN.md in the microseconds between lanes'
 * last look and its rename is replaced. A program that keeps PLAN.md open and writes to it more
 * than a moment after lanes replaced it writes into the old file, which no longer has a name.
 */
package dev.lanes.store;
