package dev.lanes.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, so it matches the build. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = LanesCommand.class.getPackage().getImplementationVersion();
    return new String[] {"lanes " + (version == null ? "dev" : version)};
  }
}
