package dev.lanes.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.exec.ExecuteStreamHandler;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * A {@link PumpStreamHandler} that first ends what the shell left running, because Commons Exec
 * calls {@link #stop()} right after the shell exits and a background job still holding the pipe
 * would otherwise keep the pumps waiting until the stop timeout.
 */
final class TreeEndingStreamHandler implements ExecuteStreamHandler {

  private final PumpStreamHandler pumps;
  private final Runnable beforeStop;

  TreeEndingStreamHandler(PumpStreamHandler pumps, Runnable beforeStop) {
    this.pumps = pumps;
    this.beforeStop = beforeStop;
  }

  @Override
  public void setProcessInputStream(OutputStream os) throws IOException {
    pumps.setProcessInputStream(os);
  }

  @Override
  public void setProcessErrorStream(InputStream is) throws IOException {
    pumps.setProcessErrorStream(is);
  }

  @Override
  public void setProcessOutputStream(InputStream is) throws IOException {
    pumps.setProcessOutputStream(is);
  }

  @Override
  public void start() throws IOException {
    pumps.start();
  }

  @Override
  public void stop() throws IOException {
    beforeStop.run();
    pumps.stop();
  }
}
