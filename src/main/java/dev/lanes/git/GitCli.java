package dev.lanes.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The one adapter that runs the {@code git} executable, for what JGit cannot do or does differently
 * from git (linked worktrees, three-way apply, staging and diffing exactly as the worker's git sees
 * the files).
 *
 * <p>Every call is reported to a listener before it runs, so tests and {@code --dry-run} see the
 * exact commands. The child's environment is the caller's, less the variables that would point git
 * at another repository or index (a lanes started from a git hook must not write there), plus the
 * fixed variables given to the constructor, plus per-call variables. Instances hold no mutable
 * state and may be shared between threads when the listener is thread-safe.
 *
 * <p>git runs with hooks and the file system monitor off ({@code -c core.hooksPath=/dev/null -c
 * core.fsmonitor=false} before the call's arguments, and no {@code GIT_EXTERNAL_DIFF}): both are
 * programs named in the shared repository, which a worker can write, and lanes' own git calls must
 * never run what a worker planted there. Only {@link #withHooks()} keeps the hooks, for {@code git
 * worktree add} of a worker's worktree, which runs the person's {@code post-checkout} hook as their
 * own add would. Listeners and error messages show the call without these options.
 */
public final class GitCli {
  /**
   * Threads that pump a git process's stderr and stdin; kept between calls, because an integration
   * runs git once per lane and starting two threads each time showed in its profile.
   */
  private static final ExecutorService PUMPS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "git-pump");
            t.setDaemon(true);
            return t;
          });

  // Inherited values of these would silently redirect every command to another repository.
  private static final List<String> STRIPPED =
      List.of(
          "GIT_DIR",
          "GIT_WORK_TREE",
          "GIT_INDEX_FILE",
          "GIT_OBJECT_DIRECTORY",
          "GIT_ALTERNATE_OBJECT_DIRECTORIES",
          "GIT_COMMON_DIR",
          "GIT_PREFIX",
          "GIT_NAMESPACE",
          "GIT_QUARANTINE_PATH",
          // A program lanes' diffs would run instead of making the patch.
          "GIT_EXTERNAL_DIFF");

  // Hooks and the fsmonitor are programs a worker may have named in the shared config or planted
  // in hooks/; a later -c wins over the repository's config and any GIT_CONFIG_PARAMETERS.
  private static final List<String> HOOKS_OFF = List.of("-c", "core.hooksPath=/dev/null");
  private static final List<String> FSMONITOR_OFF = List.of("-c", "core.fsmonitor=false");

  private final String executable;
  private final Map<String, String> fixedEnv;
  private final Consumer<CliCall> listener;
  private final boolean hooks;

  /**
   * A runner of {@code executable} that adds {@code fixedEnv} to every call (tests point {@code
   * HOME} at a temporary folder this way) and reports each call to {@code listener}.
   */
  public GitCli(String executable, Map<String, String> fixedEnv, Consumer<CliCall> listener) {
    this(executable, fixedEnv, listener, false);
  }

  private GitCli(
      String executable, Map<String, String> fixedEnv, Consumer<CliCall> listener, boolean hooks) {
    this.executable = executable;
    this.fixedEnv = Map.copyOf(fixedEnv);
    this.listener = listener;
    this.hooks = hooks;
  }

  /** The {@code git} on the PATH, with the caller's environment, reporting to {@code listener}. */
  public GitCli(Consumer<CliCall> listener) {
    this("git", Map.of(), listener);
  }

  /** The {@code git} on the PATH, with the caller's environment, logging nowhere. */
  public static GitCli system() {
    return new GitCli(call -> {});
  }

  /** This runner with more fixed variables, e.g. fixed commit dates for repeatable ids. */
  public GitCli withEnv(Map<String, String> more) {
    Map<String, String> merged = new HashMap<>(fixedEnv);
    merged.putAll(more);
    return new GitCli(executable, merged, listener, hooks);
  }

  /**
   * This runner with the repository's hooks on (the fsmonitor stays off): only for {@code git
   * worktree add} of a worker's worktree, where the person's {@code post-checkout} hook runs as it
   * would for their own add. The integrator never uses it.
   */
  public GitCli withHooks() {
    return new GitCli(executable, fixedEnv, listener, true);
  }

  /**
   * Runs git in {@code dir}; its stdout as text without the final line break. Throws on failure.
   */
  public String run(Path dir, String... args) {
    return stripFinalNewline(checked(dir, Map.of(), Optional.empty(), args).stdoutText());
  }

  /** Like {@link #run(Path, String...)} with extra environment variables for this call. */
  public String run(Path dir, Map<String, String> env, String... args) {
    return stripFinalNewline(checked(dir, env, Optional.empty(), args).stdoutText());
  }

  /** Runs git in {@code dir}; its stdout byte for byte. Throws on failure. */
  public byte[] runBytes(Path dir, String... args) {
    return checked(dir, Map.of(), Optional.empty(), args).stdout();
  }

  /** Runs git in {@code dir} with {@code stdin} as its input; its stdout. Throws on failure. */
  public byte[] runBytes(Path dir, Map<String, String> env, byte[] stdin, String... args) {
    return checked(dir, env, Optional.of(stdin), args).stdout();
  }

  /**
   * Runs a git query whose answer is its exit code ({@code diff --quiet}, {@code rev-parse --verify
   * --quiet}, {@code config --get}). Codes of 128 and above are git's own fatal errors, not
   * answers, and throw.
   */
  public int exitCode(Path dir, String... args) {
    return exitCode(dir, Map.of(), args);
  }

  /** Like {@link #exitCode(Path, String...)} with extra environment variables for this call. */
  public int exitCode(Path dir, Map<String, String> env, String... args) {
    CliCall call = new CliCall(dir, Arrays.asList(args), env);
    CliResult result = execute(call, Optional.empty());
    if (result.exitCode() >= 128) {
      throw new CliCallException(call, result.exitCode(), result.stderr());
    }
    return result.exitCode();
  }

  /** Runs one call and returns whatever it ended with, failure included. */
  public CliResult execute(CliCall call, Optional<byte[]> stdin) {
    listener.accept(call);
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(executable);
    if (!hooks) {
      builder.command().addAll(HOOKS_OFF);
    }
    builder.command().addAll(FSMONITOR_OFF);
    builder.command().addAll(call.args());
    builder.directory(call.dir().toFile());
    Map<String, String> env = builder.environment();
    STRIPPED.forEach(env::remove);
    // Stable English messages in exceptions; no pager or credential prompt can ever block.
    env.put("LC_ALL", "C");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_PAGER", "cat");
    env.putAll(fixedEnv);
    env.putAll(call.env());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + executable + " for: " + call, e);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Future<?> errPump = pump(process.getErrorStream(), err);
    Future<?> inPump = feed(process.getOutputStream(), stdin.orElse(new byte[0]));
    try {
      byte[] out = process.getInputStream().readAllBytes();
      int code = process.waitFor();
      errPump.get();
      inPump.get();
      return new CliResult(code, out, err.toString(StandardCharsets.UTF_8));
    } catch (ExecutionException e) {
      throw new IllegalStateException("pumping the streams of: " + call, e.getCause());
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException("reading the output of: " + call, e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running: " + call, e);
    }
  }

  private CliResult checked(
      Path dir, Map<String, String> env, Optional<byte[]> stdin, String[] args) {
    CliCall call = new CliCall(dir, Arrays.asList(args), env);
    CliResult result = execute(call, stdin);
    if (result.exitCode() != 0) {
      throw new CliCallException(call, result.exitCode(), result.stderr());
    }
    return result;
  }

  private static Future<?> pump(InputStream from, OutputStream to) {
    return PUMPS.submit(
        () -> {
          try (from) {
            from.transferTo(to);
          } catch (IOException e) {
            // The process died; what was read so far is all there is.
          }
        });
  }

  private static Future<?> feed(OutputStream to, byte[] input) {
    if (input.length == 0) {
      // Most calls read nothing: closing a pipe never blocks, so no thread is needed.
      try {
        to.close();
      } catch (IOException e) {
        // git has exited already; its exit code tells the story.
      }
      return CompletableFuture.completedFuture(null);
    }
    return PUMPS.submit(
        () -> {
          try (to) {
            to.write(input);
          } catch (IOException e) {
            // git may exit before reading all of its input; its exit code tells the story.
          }
        });
  }

  private static String stripFinalNewline(String s) {
    if (s.endsWith("\r\n")) {
      return s.substring(0, s.length() - 2);
    }
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
