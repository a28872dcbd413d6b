/**
 * The lock registry of {@code lanes dispatch}: PLAN.md's Locks table as an immutable value whose
 * operations are pure functions from the current rows to new rows plus a decision. A store
 * elsewhere reads PLAN.md under the writer lock, calls one operation, and writes the granted rows
 * back atomically; nothing here reads a file or a clock.
 *
 * <h2>Ids and fences</h2>
 *
 * <p>A lock id is {@code <lane>#<fence>}, for example {@code L-003#4} (lane ids never contain
 * {@code #}). The fence is a positive number that grows strictly with every lock granted in the
 * repository: a new lock's fence is one more than the larger of the caller's {@code fenceFloor}
 * (the highest fence ever issued, which the caller keeps, because released rows leave the table)
 * and every fence still in the table. So an id is never issued twice, and a holder that lost its
 * lock (released, or reclaimed after it went stale) is fenced out: heartbeat and release look for
 * the row with exactly its id, find none, and refuse, even once the same lane holds a newer lock.
 *
 * <h2>Algorithm</h2>
 *
 * <ul>
 *   <li><b>acquire</b> refuses while the lane has any row, live or stale, and while any other
 *       lane's row, live or stale, overlaps the new scope (decided by the caller's {@link
 *       dev.lanes.lock.ScopeOverlap}); otherwise it appends the row {@code <lane>#<fence>}. A stale
 *       lock is not taken over silently: the contract lets only {@code lanes reclaim} take it back,
 *       so the refusal says it is stale and names the reclaim command.
 *   <li><b>heartbeat</b> renews the row with exactly the given id, in place; refused when that row
 *       is gone (fenced out) or already stale (its holder must stop). Expiry never moves earlier.
 *   <li><b>release</b> removes the row with exactly the given id, live or stale.
 *   <li><b>reclaim</b> removes a stale row and returns it for the ledger; a live one is refused.
 * </ul>
 *
 * <p>Every refusal carries a {@link dev.lanes.lock.Refusal} (with the exit code a command reports)
 * and a sentence for the user that names the holder, the time and the remedy.
 *
 * <h2>Time</h2>
 *
 * <p>A lock is stale when its {@code expires} is strictly before now. The table keeps whole
 * minutes, so the registry writes only whole minutes: {@code start} and {@code heartbeat} rounded
 * down, {@code expires} rounded up. Writing and reading the table back therefore changes no row,
 * staleness is the same before and after the round trip, and a lock never goes stale before its
 * full ttl has run out (it may live up to a minute longer).
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>No two live locks overlap. Stronger: in a table built by this registry no two rows overlap
 *       at all, because acquire is blocked by stale rows too and a stale row never becomes live
 *       again (heartbeat refuses it).
 *   <li>A lane has at most one row.
 *   <li>Fences of granted locks grow strictly, given a caller that passes the highest fence it has
 *       issued; a released or reclaimed id is refused by heartbeat and release forever after.
 *   <li>A live lock is never reclaimed.
 * </ul>
 */
package dev.lanes.lock;
