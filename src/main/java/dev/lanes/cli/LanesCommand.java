package dev.lanes.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: lists the subcommands. */
@Command(
    name = "lanes",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = VersionProvider.class,
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
    })
public final class LanesCommand implements Runnable {
  /**
   * The subcommands in the order `lanes --help` lists them. They are added by {@link #commandLine},
   * not declared on the annotation, so that a run builds the picocli model of the one it runs only:
   * building all of them cost ~40 ms of every start.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> all = new LinkedHashMap<>();
    all.put("init", InitCommand::new);
    all.put("validate", ValidateCommand::new);
    all.put("waves", WavesCommand::new);
    all.put("dispatch", DispatchCommand::new);
    all.put("integrate", IntegrateCommand::new);
    all.put("status", StatusCommand::new);
    all.put("checkpoint", CheckpointCommand::new);
    all.put("approve", ApproveCommand::new);
    all.put("resume", ResumeCommand::new);
    all.put("reclaim", ReclaimCommand::new);
    all.put("cleanup", CleanupCommand::new);
    all.put("demo", DemoCommand::new);
    all.put("help", CommandLine.HelpCommand::new);
    return Collections.unmodifiableMap(all);
  }

  /**
   * The command line for {@code args}: with only the subcommand {@code args} starts with, or with
   * all of them when it starts with anything else ({@code --help}, {@code help}, a typo), so that
   * usage, help and "unknown command" messages see every one.
   */
  public static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new LanesCommand());
    String first = args.length > 0 ? args[0] : "";
    if (SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
      cli.addSubcommand(SUBCOMMANDS.get(first).get());
    } else {
      SUBCOMMANDS.values().forEach(s -> cli.addSubcommand(s.get()));
    }
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Whether {@code -x} was given on the command that failed. */
  public static boolean showStackTraces(CommandLine commandLine) {
    Object command = commandLine.getCommand();
    if (command instanceof RepoCommand rc) {
      return rc.common.stackTraces;
    }
    return false;
  }
}
