package io.ocsctl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code -chdir=DIR} before the command, as Terraform's: the command runs as if started in DIR,
 * every relative path of its options starting there. Taken off the arguments before picocli parses
 * them, since it changes how their paths are read. {@code original} is where ocsctl was started
 * ({@code OCSCTL_LOG_PATH} is relative to it, as {@code TF_LOG_PATH} is).
 */
record Chdir(Path dir, Path original, String[] rest) {
  static Chdir of(String[] args) {
    Path original = Path.of("");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        break; // the command: -chdir after it is an unknown option of that command
      }
      String value = null;
      int used = 1;
      for (String name : new String[] {"-chdir", "--chdir"}) {
        if (arg.startsWith(name + "=")) {
          value = arg.substring(name.length() + 1);
        } else if (arg.equals(name)) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(
                name + " needs a directory: ocsctl -chdir=DIR COMMAND ...");
          }
          value = args[i + 1];
          used = 2;
        }
      }
      if (value == null) {
        continue;
      }
      Path dir = original.resolve(value);
      if (value.isEmpty() || !Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            "-chdir=" + value + ": the working directory cannot be used: it is not a directory");
      }
      String[] rest = new String[args.length - used];
      System.arraycopy(args, 0, rest, 0, i);
      System.arraycopy(args, i + used, rest, i, args.length - i - used);
      return new Chdir(dir, original, rest);
    }
    return new Chdir(original, original, Arrays.copyOf(args, args.length));
  }
}
