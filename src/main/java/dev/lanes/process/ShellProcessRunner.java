package dev.lanes.process;

import dev.lanes.port.ProcessOutcome;
import dev.lanes.port.ProcessRunner;
import dev.lanes.port.ProcessSpec;
import dev.lanes.port.RunningProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;

/**
 * Runs commands as {@code sh -c} through Apache Commons Exec, each in its own session and process
 * group when {@code setsid} is available, and ends whole process trees on timeout or stop.
 *
 * <p>See the package documentation for the process-group design and the macOS fallback.
 */
public final class ShellProcessRunner implements ProcessRunner {

  /** How long a tree gets between TERM and KILL. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

  /** How long the output pumps may still read after the tree ended before they give up. */
  static final Duration DRAIN = Duration.ofSeconds(1);

  private static final Path SHELL = Path.of("/bin/sh");

  // Positional parameters keep the folder name out of the script text, so no quoting is needed.
  private static final String MISSING_DIR_SCRIPT =
      "printf 'lanes: working directory %s does not exist\\n' \"$1\" >&2; exit 127";

  private final Optional<Path> setsid;
  private final Optional<Path> kill;
  private final Duration grace;
  private final Optional<ProcStat> proc = ProcStat.system();
  private final Set<ShellProcess> live = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hookInstalled = new AtomicBoolean();

  /** A runner that uses {@code setsid} and {@code kill} from the PATH when both exist. */
  public ShellProcessRunner() {
    this(onPath("setsid"), onPath("kill"), DEFAULT_GRACE);
  }

  /**
   * A runner with explicit tools; an empty {@code setsid} or {@code kill} selects the fallback that
   * ends trees through {@link ProcessHandle#descendants()} only.
   */
  ShellProcessRunner(Optional<Path> setsid, Optional<Path> kill, Duration grace) {
    boolean groups = setsid.isPresent() && kill.isPresent();
    this.setsid = groups ? setsid : Optional.empty();
    this.kill = groups ? kill : Optional.empty();
    this.grace = grace;
  }

  /** True when each command runs in its own process group, which is ended as a whole. */
  public boolean usesProcessGroups() {
    return setsid.isPresent();
  }

  @Override
  public RunningProcess start(ProcessSpec spec, Consumer<String> onLine) {
    OutputSink sink =
        OutputSink.open(spec.logFile(), onLine, ProcessOutcome.TAIL_LINES, spec.logLimit());
    boolean dirExists = Files.isDirectory(spec.workingDir());
    // Without its folder the command cannot run; the shell reports that, like a missing command.
    Path dir = dirExists ? spec.workingDir() : spec.logFile().toAbsolutePath().getParent();
    CommandLine command =
        dirExists
            ? shellCommand(spec.shellCommand(), List.of())
            : shellCommand(MISSING_DIR_SCRIPT, List.of("lanes", spec.workingDir().toString()));

    ShellProcess process =
        new ShellProcess(
            sink, shell -> new ProcessTree(shell, kill, grace, proc), spec.timeout(), live::remove);
    DefaultExecutor executor =
        DefaultExecutor.builder()
            .setWorkingDirectory(dir)
            .setExecuteStreamHandler(
                new TreeEndingStreamHandler(sink, setsid.isPresent(), process::endLeftovers))
            .get();
    executor.setProcessDestroyer(process);
    executor.setExitValues(null);

    installShutdownHook();
    live.add(process);
    try {
      executor.execute(command, spec.environment(), process);
      process.awaitLaunch();
      return process;
    } catch (IOException | CompletionException e) {
      live.remove(process);
      sink.close();
      Throwable cause = e instanceof CompletionException ? e.getCause() : e;
      throw cause instanceof IOException io
          ? new UncheckedIOException("cannot start " + SHELL, io)
          : new UncheckedIOException(
              "cannot start " + SHELL, new IOException(String.valueOf(cause), cause));
    }
  }

  private CommandLine shellCommand(String script, List<String> arguments) {
    CommandLine line;
    if (setsid.isPresent()) {
      // The group's leader is the lifeline wrapper, which runs the script under a sentinel that
      // ends the group if this JVM dies (see Lifeline).
      line = new CommandLine(setsid.get());
      line.addArgument(SHELL.toString(), false);
      line.addArgument("-c", false);
      line.addArgument(Lifeline.wrapper(setsid.get(), SHELL), false);
      line.addArgument("lanes", false);
    } else {
      line = new CommandLine(SHELL);
      line.addArgument("-c", false);
    }
    line.addArgument(script, false);
    arguments.forEach(argument -> line.addArgument(argument, false));
    return line;
  }

  /**
   * Workers run in their own session, so Ctrl-C on lanes' terminal never reaches them; this hook
   * ends their trees when lanes itself exits.
   */
  private void installShutdownHook() {
    if (!hookInstalled.compareAndSet(false, true)) {
      return;
    }
    Thread hook = new Thread(this::endAll, "lanes-process-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: nothing new will be started either.
    }
  }

  private void endAll() {
    List<Thread> enders = new ArrayList<>();
    for (ShellProcess process : live) {
      Thread ender = new Thread(process::endTree, "lanes-process-end");
      ender.start();
      enders.add(ender);
    }
    for (Thread ender : enders) {
      try {
        ender.join(grace.plusSeconds(3).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static Optional<Path> onPath(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    for (String folder : path.split(File.pathSeparator)) {
      if (folder.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(folder, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
