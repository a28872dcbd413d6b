package dev.lanes.git;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What one {@code git} call returned: its exit code, stdout bytes and stderr text. */
public record CliResult(int exitCode, byte[] stdout, String stderr) {

  public CliResult {
    stdout = stdout.clone();
  }

  @Override
  public byte[] stdout() {
    return stdout.clone();
  }

  /** Stdout decoded as UTF-8, which is how git writes paths with {@code -z} and messages. */
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CliResult r
        && r.exitCode == exitCode
        && Arrays.equals(r.stdout, stdout)
        && r.stderr.equals(stderr);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * exitCode + Arrays.hashCode(stdout)) + stderr.hashCode();
  }

  @Override
  public String toString() {
    return "CliResult[exitCode="
        + exitCode
        + ", stdout="
        + stdout.length
        + " bytes, stderr="
        + stderr
        + "]";
  }
}
