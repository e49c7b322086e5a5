package io.ocsctl.cli.live;

import io.ocsctl.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs ocsctl in-process, as the other CLI tests do, from this package. */
public final class LiveCli {
  /** What one run printed and how it exited. */
  public record Run(int exitCode, String out, String err) {
    public String all() {
      return "exit code " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private LiveCli() {}

  public static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(env);
    environment.put("NO_COLOR", "1");
    int code =
        Main.execute(
            args,
            new PrintWriter(out),
            new PrintWriter(err),
            environment,
            new ByteArrayInputStream(new byte[0]));
    return new Run(code, out.toString(), err.toString());
  }
}
