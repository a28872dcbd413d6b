package dev.lanes.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/** {@code --json}, and how a command's JSON record is printed: pretty, keys in record order. */
final class JsonOption {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  void print(PrintWriter out, Object record) {
    try {
      MAPPER.writeValue(out, record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }
}
