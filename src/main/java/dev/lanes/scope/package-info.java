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
 * <h2>Three matchers, one meaning</h2>
 *
 * <p>{@link dev.lanes.scope.Glob#matches} and {@link dev.lanes.scope.Scope#contains} match
 * directly, segment by segment with backtracking. {@link dev.lanes.scope.CompiledScope} builds the
 * same language as a minimal dk.brics automaton over UTF-16 characters, restricted to valid paths
 * (no empty, {@code .} or {@code ..} segment). {@link dev.lanes.scope.ScopeIndex} compiles each
 * glob straight to a small DFA (dk.brics is too slow for thousands of globs) and searches products
 * of them on the fly. Property tests check all three against each other and the overlap test
 * against brute force.
 *
 * <h2>Conflicts</h2>
 *
 * <p>Two scopes conflict when their effective languages intersect: a shared tracked file is one
 * case, a path neither has yet but both could create is the other. {@link
 * dev.lanes.scope.ScopeIndex} explains how it avoids lanes × lanes × files work.
 */
package dev.lanes.scope;
