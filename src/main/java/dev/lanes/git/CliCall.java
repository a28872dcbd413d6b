package dev.lanes.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One invocation of the {@code git} executable exactly as {@link GitCli} runs it: the folder, the
 * arguments after {@code git}, and the environment variables set for this call only.
 */
public record CliCall(Path dir, List<String> args, Map<String, String> env) {

  public CliCall {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  /** The call as a shell command line a person could paste, e.g. {@code git -C /r status}. */
  @Override
  public String toString() {
    String vars =
        env.keySet().stream()
            .sorted()
            .map(k -> k + "=" + quote(env.get(k)) + " ")
            .collect(Collectors.joining());
    String rest = args.stream().map(CliCall::quote).collect(Collectors.joining(" "));
    return vars + "git -C " + quote(dir.toString()) + (rest.isEmpty() ? "" : " " + rest);
  }

  private static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,^-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
