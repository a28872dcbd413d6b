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
 *       .lanes/state/} and force it to disk; then move PLAN.md aside to {@code
 *       .lanes/state/PLAN.md.stash} (an atomic rename), compare the moved file with the bytes read
 *       in step 2 and hard-link either the new file (unchanged) or the moved one (a person saved
 *       meanwhile) back as PLAN.md. A link never replaces a file, so a save that lands while
 *       PLAN.md is moved aside wins too. On any change the round starts again at step 2 (at most 50
 *       rounds, the journal dropped). The directory is forced to disk after the link.
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
 *   <li>A person's save made while lanes runs is never replaced unseen: lanes only replaces a file
 *       it has compared byte for byte with what it read, after moving it out of the person's way.
 *   <li>Bad input writes nothing. A crash leaves the old or the new PLAN.md; one between moving
 *       PLAN.md aside and linking it back leaves the stash, which the next update (and {@code
 *       read}) takes as PLAN.md. PLAN.md is written before the ledger entries, so a crash never
 *       records an event whose tables were not written; one between them leaves the journal, and
 *       the next update (or {@code read}, which runs an empty update first) appends the entries not
 *       yet in the ledger (an entry already there, byte for byte, is not appended twice). A journal
 *       found while PLAN.md is still byte for byte what it was before that update is dropped: the
 *       update never happened.
 * </ul>
 *
 * <p>What lanes cannot prevent: an editor that saves a buffer read before lanes' last write puts
 * the old tables back; the next lanes update works from what it then finds.
 */
package dev.lanes.store;
