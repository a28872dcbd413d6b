package dev.lanes.cli;

import picocli.CommandLine.Option;

/** {@code --dry-run}: show what would happen and write nothing. */
final class DryRunOption {
  @Option(names = "--dry-run", description = "Show what would run; write nothing.")
  boolean dryRun;
}
