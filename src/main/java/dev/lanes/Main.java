package dev.lanes;

import dev.lanes.cli.LanesCommand;
import dev.lanes.error.ExitCode;
import dev.lanes.error.LanesException;
import dev.lanes.git.CliCall;
import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Builds the command line and maps errors to exit codes; nothing else. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs one lanes command with the given streams and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, call -> {}, args);
  }

  /** Runs one lanes command, reporting each git call it makes to {@code git}. */
  public static int run(PrintWriter out, PrintWriter err, Consumer<CliCall> git, String... args) {
    CommandLine cli = LanesCommand.commandLine(git);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          // A LanesException is the user's to act on; anything else is a bug in lanes.
          commandLine
              .getErr()
              .println(
                  ex instanceof LanesException
                      ? ex.getMessage()
                      : "lanes: internal error: " + ex + " (re-run with -x for the stack trace)");
          if (LanesCommand.showStackTraces(commandLine)) {
            ex.printStackTrace(commandLine.getErr());
          }
          return (ex instanceof LanesException lanes ? lanes.exitCode() : ExitCode.WORK_FAILED)
              .code();
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
