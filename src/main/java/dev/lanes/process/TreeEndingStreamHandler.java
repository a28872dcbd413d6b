package dev.lanes.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteStreamHandler;
import org.apache.commons.exec.Executor;
import org.apache.commons.exec.StreamPumper;
import org.apache.commons.exec.util.DebugUtils;

/**
 * Commons Exec's {@code PumpStreamHandler} without input, its pumps run on shared threads instead
 * of two new threads per run, and with one step added: {@link #stop()} first ends what the shell
 * left running, because Commons Exec calls it right after the shell exits and a background job
 * still holding the pipe would otherwise keep the pumps waiting until the stop timeout.
 *
 * <p>The rest follows {@code PumpStreamHandler} (Commons Exec 1.6): the child's stdin is closed at
 * once, each stream is copied by a {@link StreamPumper}, and {@link #stop()} waits for each pump in
 * turn for the stop timeout plus 2 s, flushes stderr then stdout (which hands a last line without
 * newline to the sink), and reports an exceeded timeout as an {@link ExecuteException}.
 */
final class TreeEndingStreamHandler implements ExecuteStreamHandler {

  /** What {@code PumpStreamHandler} adds to the stop timeout before giving up on a stream. */
  private static final Duration STOP_TIMEOUT_ADDITION = Duration.ofSeconds(2);

  private final OutputStream out;
  private final OutputStream err;
  private final boolean lifeline;
  private final Duration stopTimeout;
  private final Runnable beforeStop;
  private final ExecutorService threads;
  private Optional<StreamPumper> outPumper = Optional.empty();
  private Optional<StreamPumper> errPumper = Optional.empty();
  private Optional<Future<?>> outPump = Optional.empty();
  private Optional<Future<?>> errPump = Optional.empty();
  private Optional<OutputStream> sentinel = Optional.empty();

  TreeEndingStreamHandler(
      OutputStream out,
      OutputStream err,
      boolean lifeline,
      Duration stopTimeout,
      Runnable beforeStop,
      ExecutorService threads) {
    this.out = out;
    this.err = err;
    this.lifeline = lifeline;
    this.stopTimeout = stopTimeout;
    this.beforeStop = beforeStop;
    this.threads = threads;
  }

  /**
   * With a {@link Lifeline}, the child's stdin is the sentinel's pipe: it stays open for as long as
   * the run (Commons Exec closes it after {@link #stop()}), and the wrapper gives the command
   * {@code /dev/null} instead. Without one, it is closed at once.
   */
  @Override
  public void setProcessInputStream(OutputStream os) {
    if (lifeline) {
      sentinel = Optional.of(os);
      return;
    }
    try {
      os.close(); // no input: the child reads EOF at once
    } catch (IOException e) {
      DebugUtils.handleException("Got exception while closing output stream", e);
    }
  }

  @Override
  public void setProcessOutputStream(InputStream is) {
    outPumper = Optional.of(new StreamPumper(is, out));
  }

  @Override
  public void setProcessErrorStream(InputStream is) {
    errPumper = Optional.of(new StreamPumper(is, err));
  }

  @Override
  public void start() {
    outPump = outPumper.map(threads::submit);
    errPump = errPumper.map(threads::submit);
  }

  @Override
  public void stop() throws IOException {
    beforeStop.run();
    // The group is gone now: tell the sentinel so, or the EOF that follows would read as lanes'
    // death. A sentinel already ended with the tree makes this write fail, which is fine.
    sentinel.ifPresent(TreeEndingStreamHandler::runOver);
    Optional<IOException> caught = Optional.empty();
    for (Optional<Future<?>> pump : List.of(outPump, errPump)) {
      if (pump.isPresent() && !drained(pump.get())) {
        caught =
            Optional.of(
                new ExecuteException(
                    "The stop timeout of " + stopTimeout + " ms was exceeded",
                    Executor.INVALID_EXITVALUE));
      }
    }
    flush(err, "Got exception while flushing the error stream");
    flush(out, "Got exception while flushing the output stream");
    if (caught.isPresent()) {
      throw caught.get();
    }
  }

  private static void runOver(OutputStream sentinel) {
    try {
      sentinel.write(Lifeline.RUN_OVER);
      sentinel.flush();
    } catch (IOException e) {
      // The sentinel ended with the tree (see ProcessTree): nothing is left to tell.
    }
  }

  /** False when the pump is still reading after the stop timeout. */
  private boolean drained(Future<?> pump) {
    try {
      pump.get(stopTimeout.plus(STOP_TIMEOUT_ADDITION).toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true; // the pumper swallows I/O errors; anything else ended it all the same
    } catch (InterruptedException e) {
      // As PumpStreamHandler does: interrupt the pump and go on.
      pump.cancel(true);
      return true;
    }
  }

  private static void flush(OutputStream stream, String message) {
    try {
      stream.flush();
    } catch (IOException e) {
      DebugUtils.handleException(message, e);
    }
  }
}
