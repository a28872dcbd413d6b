package dev.lanes.port;
public record ProcessOutcome(int exitCode, boolean timedOut, java.time.Duration elapsed, java.util.List<String> outputTail, long pid) {}
