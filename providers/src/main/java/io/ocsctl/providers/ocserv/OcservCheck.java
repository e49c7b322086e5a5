package io.ocsctl.providers.ocserv;

import io.ocsctl.providers.conf.ConfigDocument;
import io.ocsctl.providers.live.RawText;
import io.ocsctl.schema.validate.OptionCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code ocserv -t} on a rendered ocserv.conf. ocserv opens the certificates at the paths
 * written in the config, so under a root other than / the check runs on a copy whose absolute paths
 * carry the root prefix; its messages are mapped back to the original paths.
 */
public final class OcservCheck {
  private static final Pattern CANNOT_OPEN = Pattern.compile("cannot open file (\\S+)");
  private static final Pattern PASSWD =
      Pattern.compile("(?i)(passwd\\s*=\\s*|^plain\\[\\s*)(/[^,\\]]+)");

  private OcservCheck() {}

  /** {@code errors} make ocserv refuse the config; {@code warnings} are printed but accepted. */
  public record Outcome(boolean ran, List<String> errors, List<String> warnings) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public static Optional<Path> binary() {
    return Processes.find("ocserv");
  }

  public static Outcome check(String configText, Path root) throws IOException {
    Optional<Path> ocserv = binary();
    if (ocserv.isEmpty()) {
      return new Outcome(
          false, List.of(), List.of("ocserv is not installed: 'ocserv -t' was skipped"));
    }
    String prefix = root.toAbsolutePath().normalize().toString();
    prefix = prefix.equals("/") ? "" : prefix;
    String rooted = withRoot(configText, prefix);
    Path tmp = Files.createTempFile("ocsctl-check-", ".conf");
    try {
      Files.write(
          tmp, RawText.encode(rooted)); // a comment's bytes that are not UTF-8 go as they were read
      Processes.Result result =
          Processes.run(
              List.of(ocserv.get().toString(), "-t", "-c", tmp.toString()), Duration.ofSeconds(30));
      List<String> errors = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      for (String line : (result.stdout() + "\n" + result.stderr()).split("\n")) {
        String l = prefix.isEmpty() ? line.strip() : line.strip().replace(prefix, "");
        l = l.replace(tmp.toString(), "ocserv.conf");
        if (l.startsWith("error:")) {
          errors.add(l);
        } else if (l.startsWith("warning:")) {
          warnings.add(l);
        }
      }
      if (!result.ok() && errors.isEmpty()) {
        errors.add(
            "ocserv -t exited with "
                + result.exitCode()
                + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()));
      }
      return new Outcome(true, errors, warnings);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Files a failed check could not open: a config repository checked in CI has no certificates. */
  public static List<String> missingFiles(Outcome outcome) {
    List<String> out = new ArrayList<>();
    for (String e : outcome.errors()) {
      Matcher m = CANNOT_OPEN.matcher(e);
      if (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** The config with every absolute path option prefixed by the root. */
  static String withRoot(String text, String prefix) {
    StringBuilder out = new StringBuilder();
    for (ConfigDocument.Line line : ConfigDocument.parse(text).lines()) {
      String t = line.text();
      if (line instanceof ConfigDocument.Entry e) {
        boolean isPath =
            OptionCatalogue.get(e.key()).map(o -> o.type().equals("path")).orElse(false);
        if (isPath && !e.value().isEmpty()) {
          // a relative path is ocserv's working directory's, / (docs/ocserv-files.md)
          t =
              e.prefix()
                  + "\""
                  + prefix
                  + (e.value().startsWith("/") ? "" : "/")
                  + e.value()
                  + "\"";
        } else if (e.key().equals("auth") || e.key().equals("enable-auth")) {
          t =
              e.prefix()
                  + "\""
                  + PASSWD
                      .matcher(e.value())
                      .replaceAll("$1" + Matcher.quoteReplacement(prefix) + "$2")
                  + "\"";
        }
      }
      out.append(t).append('\n');
    }
    return out.toString();
  }
}
