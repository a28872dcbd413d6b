package dev.lanes.process;

import java.nio.charset.StandardCharsets;
import org.apache.commons.exec.LogOutputStream;

/** Splits one of the process's output streams into lines (LF, CR or CRLF) for the sink. */
final class LineStream extends LogOutputStream {

  private final OutputSink sink;

  LineStream(OutputSink sink) {
    super(0, StandardCharsets.UTF_8);
    this.sink = sink;
  }

  @Override
  protected void processLine(String line, int level) {
    sink.line(line);
  }
}
