/**
 * The {@code lanes init} use case: probes the repository's build files for a gate ladder and writes
 * the starting AGENTS.md, PLAN.md, ledger/ and policies/ without overwriting anything.
 *
 * <p>It uses only JDK file APIs and Jackson (to read the {@code scripts} of package.json); the
 * picocli command around it lives in the cli package.
 */
package dev.lanes.init;
