package dev.lanes.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes: the managed repository and how errors show. */
public final class CommonOptions {
  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "The managed repository (default: the git repository holding the current folder).")
  Path repo;

  @Option(names = "-x", description = "Print the stack trace of an error (for reporting bugs).")
  boolean stackTraces;

  Path repoOrCwd() {
    return repo != null ? repo : Path.of("").toAbsolutePath();
  }
}
