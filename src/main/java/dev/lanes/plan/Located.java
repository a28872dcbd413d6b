package dev.lanes.plan;

/** A value as the user wrote it, with where it stands, so problems can point at it. */
public record Located<T>(T value, Position position) {}
