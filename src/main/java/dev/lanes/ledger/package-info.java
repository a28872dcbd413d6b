/**
 * The ledger's entries as the contract's templates: one markdown file per event, {@code
 * ledger/<lane>/<NNN>-<kind>.md}, rendered the same way every time (LF endings, times to the
 * minute) and never rewritten.
 *
 * <p>Entries are plain markdown a person reads: a title {@code # <Kind>: <lane> attempt N}, a few
 * {@code - Key: value} items and level-2 sections. Free text inside a section is escaped where a
 * line would read as a heading or a code fence (a backslash before it, which markdown shows as
 * nothing), so {@link dev.lanes.ledger.LedgerFacts} can read checkpoints, failures, approvals,
 * fences and attempts back exactly; values are normalised (LF, outer blanks trimmed, one-line
 * fields on one line, times to the minute) when an entry is made, so reading back gives an equal
 * entry.
 */
package dev.lanes.ledger;
