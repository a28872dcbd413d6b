/**
 * Wave scheduling: assigns each lane a wave so that no two conflicting lanes share one and every
 * lane comes strictly after the lanes it depends on, using as few waves as it can.
 *
 * <p>The problem is graph colouring with precedence constraints, NP-hard in general, so {@link
 * dev.lanes.schedule.WaveScheduler} combines three parts. Lanes are split into connected components
 * of conflicts plus dependencies, scheduled independently from wave 1. Every component gets an
 * upper bound from two first-fit heuristics (DSatur adapted to precedence, and first fit by longest
 * dependency chain) and a lower bound (longest dependency chain; greedy clique of mutually
 * incompatible lanes, where a lane is incompatible with its conflicts and with every lane it
 * transitively depends on or that depends on it). Components of at most 20 lanes whose bounds
 * differ are then solved exactly by iterative-deepening search over the set of placed lanes,
 * branching only on maximal independent sets of ready lanes (the class Javadoc of {@code
 * ExactWaveSearch} proves this loses no optimum), under a work budget.
 *
 * <p>Invariants: every schedule returned is valid (the two constraints above; waves 1..k, none
 * empty, lanes ascending within a wave); {@code optimal} is claimed only when k meets a proven
 * lower bound or an exact search completed; the same problem always yields an equal schedule (ties
 * break by lane index; no hash-order iteration; no randomness).
 *
 * <p>This package depends on the JDK only.
 */
package dev.lanes.schedule;
