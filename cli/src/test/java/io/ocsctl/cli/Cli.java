package io.ocsctl.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs ocsctl in-process, the way google-java-format's MainTest does: no process spawned. */
final class Cli {
  record Run(int exitCode, String out, String err) {}

  private Cli() {}

  static Run run(String... args) {
    return runWith(Map.of(), "", args);
  }

  static Run runWith(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> environment = new HashMap<>(env);
    environment.putIfAbsent("NO_COLOR", "1");
    int code =
        Main.execute(
            args,
            new PrintWriter(out),
            new PrintWriter(err),
            environment,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return new Run(code, out.toString(), err.toString());
  }
}
