package dev.lanes.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print the result as the JSON record of the command (README lists the keys). */
final class JsonOption {
  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;
}
