package dev.lanes.cli;

import dev.lanes.git.CliCall;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: lists the subcommands. */
@Command(
    name = "lanes",
    // Every subcommand gets --help, --version and this width.
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = LanesCommand.Version.class,
    description = {
      "Run several coding agents on one git repository without stepping on each other.",
      "",
      "A person writes the plan in PLAN.md and the rules in AGENTS.md; lanes splits the plan",
      "into file-disjoint lanes, schedules them in waves and checks every step."
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 work failed, 2 bad usage or input, 3 busy, 4 bootstrap check failed.",
      "Example:",
      "  lanes init && lanes validate && lanes waves"
    },
    subcommands = {
      InitCommand.class,
      ValidateCommand.class,
      WavesCommand.class,
      DispatchCommand.class,
      IntegrateCommand.class,
      StatusCommand.class,
      CheckpointCommand.class,
      ApproveCommand.class,
      ResumeCommand.class,
      ReclaimCommand.class,
      CleanupCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LanesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The command line of lanes with every subcommand. */
  public static CommandLine commandLine() {
    return commandLine(call -> {});
  }

  /**
   * The command line of lanes whose commands report every git call they make to {@code git}: the
   * composition root ({@link Wiring}) of each command is built with it.
   */
  public static CommandLine commandLine(Consumer<CliCall> git) {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof RepoCommand command) {
              command.wiring = new Wiring(git);
            }
            return made;
          }
        };
    return new CommandLine(new LanesCommand(), factory);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version from the jar manifest, so it matches the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = LanesCommand.class.getPackage().getImplementationVersion();
      return new String[] {"lanes " + (version == null ? "dev" : version)};
    }
  }

  /** Whether {@code -x} was given on the command that failed. */
  public static boolean showStackTraces(CommandLine commandLine) {
    return commandLine.getCommand() instanceof RepoCommand rc && rc.common.stackTraces;
  }
}
