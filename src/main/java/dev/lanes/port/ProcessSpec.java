package dev.lanes.port;
public record ProcessSpec(String shellCommand, java.nio.file.Path workingDir, java.util.Map<String, String> environment, java.util.Optional<java.time.Duration> timeout, java.nio.file.Path logFile) {}
