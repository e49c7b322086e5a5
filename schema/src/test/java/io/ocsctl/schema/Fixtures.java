package io.ocsctl.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Desired-state snippets for tests: a valid base to change one thing in. */
public final class Fixtures {
  public static final String HASH =
      "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/";

  private Fixtures() {}

  /** A server block with plain auth and {@code extra} lines of settings. */
  public static String server(String... extra) {
    StringBuilder s = new StringBuilder("server {\n  settings = {\n");
    s.append("    \"auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n");
    for (String line : extra) {
      s.append("    ").append(line).append('\n');
    }
    return s.append("  }\n}\n").toString();
  }

  public static String user(String name, String... lines) {
    StringBuilder s = new StringBuilder("user \"" + name + "\" {\n");
    for (String line : lines) {
      s.append("  ").append(line).append('\n');
    }
    return s.append("}\n").toString();
  }

  public static String hashed(String name, String... lines) {
    String[] all = new String[lines.length + 1];
    all[0] = "password_hash = \"" + HASH + "\"";
    System.arraycopy(lines, 0, all, 1, lines.length);
    return user(name, all);
  }

  /** The messages of every error {@code text} (an HCL file) has, or an empty list. */
  public static List<String> errors(Path dir, String text) throws IOException {
    Path file = dir.resolve("t.hcl");
    Files.writeString(file, text);
    try {
      DesiredStates.load(file);
      return List.of();
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().map(Diagnostic::message).toList();
    }
  }
}
