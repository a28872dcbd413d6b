package dev.lanes.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Commons Exec's {@code PumpStreamHandler} without input and with one step added: {@link #stop()}
 * first ends what the shell left running, because Commons Exec calls it right after the shell exits
 * and a background job still holding the pipe would otherwise keep the pumps waiting until the stop
 * timeout (plus the 2 s {@code PumpStreamHandler} adds to it, per stream).
 */
final class TreeEndingStreamHandler extends PumpStreamHandler {

  private final boolean lifeline;
  private final Runnable beforeStop;
  private Optional<OutputStream> sentinel = Optional.empty();

  TreeEndingStreamHandler(OutputSink sink, boolean lifeline, Runnable beforeStop) {
    super(new LineStream(sink), new LineStream(sink));
    this.lifeline = lifeline;
    this.beforeStop = beforeStop;
    setStopTimeout(ShellProcessRunner.DRAIN);
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
    } else {
      super.setProcessInputStream(os);
    }
  }

  @Override
  public void stop() throws IOException {
    beforeStop.run();
    // The group is gone now: tell the sentinel so, or the EOF that follows would read as lanes'
    // death. A sentinel already ended with the tree makes this write fail, which is fine.
    if (sentinel.isPresent()) {
      try {
        sentinel.get().write(Lifeline.RUN_OVER);
        sentinel.get().flush();
      } catch (IOException e) {
        // The sentinel ended with the tree (see ProcessTree): nothing is left to tell.
      }
    }
    super.stop();
  }
}
