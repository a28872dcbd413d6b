package dev.lanes.plan;

/** One acceptance criterion of a lane: a task-list item, checked or not. */
public record AcceptanceItem(String text, boolean checked, Position position) {}
