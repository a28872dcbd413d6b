package dev.lanes.port;
public interface ProcessRunner { ProcessOutcome run(ProcessSpec spec, java.util.function.Consumer<String> onLine); }
