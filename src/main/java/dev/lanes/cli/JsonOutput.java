package dev.lanes.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lanes.error.Problem;
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
    try {
      out.println(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
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
