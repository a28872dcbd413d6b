package dev.lanes.lock;

/**
 * Decides whether two scope cells (comma-separated glob lists, {@code !} marking an exclusion)
 * could both match some path; the registry never grants two overlapping live locks.
 */
@FunctionalInterface
public interface ScopeOverlap {
  boolean overlaps(String scopeA, String scopeB);
}
