/**
 * Scopes: which paths a lane may touch, which tracked files that is, and which lanes conflict.
 *
 * <h2>Glob semantics</h2>
 *
 * <ul>
 *   <li>A glob is a path relative to the repository root, '/'-separated.
 *   <li>{@code *} matches any run of characters other than '/' (within one segment); {@code ?} one
 *       character other than '/'; {@code [abc]}, {@code [a-z]}, {@code [!a]} (or {@code [^a]}) a
 *       character class, which never matches '/'. A {@code ]} right after the opening bracket (or
 *       its {@code !}) is literal.
 *   <li>{@code **} as a whole segment matches zero or more segments: {@code a/**}{@code /b} matches
 *       {@code a/b}, {@code a/x/b}, {@code a/x/y/b}; a leading {@code **}{@code /b} matches {@code
 *       b} at any depth; a trailing {@code a/**} matches everything under {@code a} (but not {@code
 *       a} itself). {@code **} inside a segment ({@code a**b}) reads as {@code *}, like git.
 *   <li>A trailing '/' means the folder and everything under it.
 *   <li>Like gitignore, a glob that matches a path also matches everything under it: {@code src},
 *       {@code src/} and {@code src/**} all cover {@code src/x/y}; {@code *.md} covers {@code x.md}
 *       and {@code x.md/y}.
 *   <li>A backslash escapes the next character ('/' cannot be escaped).
 *   <li>Normalisation: {@code .} segments (a leading {@code ./}) and empty segments (repeated or
 *       trailing '/') are dropped, consecutive {@code **} segments collapse, star runs inside a
 *       segment collapse, needless escapes go. {@link dev.lanes.scope.Glob#text()} is that form.
 *   <li>Errors, reported as a message and never as a crash: an empty glob, an absolute path
 *       (leading '/', a drive like {@code C:}), a {@code ..} segment, a glob that is only {@code
 *       ./}, an unclosed {@code [}, a backwards range, a lone trailing backslash.
 *   <li>Never in scope, whatever the globs say: {@code PLAN.md}, {@code AGENTS.md}, {@code
 *       ledger/}, {@code .lanes/} and {@code .git/} (each with everything under it).
 * </ul>
 *
 * <h2>One engine</h2>
 *
 * <p>{@link dev.lanes.scope.GlobCompiler} compiles each glob to a small DFA (JDK only), and every
 * decision goes through those DFAs: {@link dev.lanes.scope.Glob#matches}, {@link
 * dev.lanes.scope.Scope#contains}, {@link dev.lanes.scope.Scope#overlap} (which lock overlaps use)
 * and {@link dev.lanes.scope.ScopeIndex} (tracked files and conflicts, by a breadth-first search of
 * the product of a few DFAs with the valid paths). Property tests check the engine against two
 * oracles kept in test scope, a segment-by-segment backtracking matcher and dk.brics automata, and
 * the overlap test against brute force.
 *
 * <h2>Conflicts</h2>
 *
 * <p>Two scopes conflict when their effective languages intersect: a shared tracked file is one
 * case, a path neither has yet but both could create is the other. {@link
 * dev.lanes.scope.ScopeIndex} explains how it avoids lanes × lanes × files work.
 */
package dev.lanes.scope;
