package dev.lanes.demo;

import java.io.PrintWriter;

/**
 * Runs one lanes command in this process, as {@code dev.lanes.Main.run} does, and gives its exit.
 */
@FunctionalInterface
public interface LanesRunner {
  int run(PrintWriter out, PrintWriter err, String... args);
}
