package dev.lanes.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lanes.error.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints {@code --json} output: maps with keys in a stable order, pretty-printed. */
final class JsonOutput {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  static void print(PrintWriter out, Object value) {
    // Written straight to the output, not built as one string first: `waves --json` of a large
    // plan is long, and its lanes' entries are only made as they are written.
    try (JsonGenerator json =
        MAPPER.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      MAPPER.writeValue(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  static List<Map<String, Object>> problems(List<Problem> problems) {
    return problems.stream()
        .map(
            p -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("file", p.file());
              m.put("line", p.line());
              m.put("column", p.column());
              m.put("message", p.message());
              return m;
            })
        .toList();
  }
}
