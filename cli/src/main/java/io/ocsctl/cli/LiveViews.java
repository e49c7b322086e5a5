package io.ocsctl.cli;

import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.Parsed;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the live-server views share: the JSON shape, plain tables, and how they report occtl
 * trouble.
 */
final class LiveViews {
  /** Records as JSON objects with snake_case names: {@code vpnIpv4} prints as {@code vpn_ipv4}. */
  static final ObjectMapper JSON =
      JsonMapper.builder(
              tools.jackson.core.json.JsonFactory.builder()
                  .characterEscapes(io.ocsctl.schema.Printable.JSON_ESCAPES)
                  .build())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  static final ObjectMapper JSON_LINES =
      JSON.rebuild().disable(SerializationFeature.INDENT_OUTPUT).build();

  private LiveViews() {}

  /** Left-aligned columns, two spaces apart, a header line first; "(none)" for no rows. */
  static String table(List<String> headers, List<List<String>> rows) {
    if (rows.isEmpty()) {
      return "(none)\n";
    }
    int[] width = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], cell(row, i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        line.append(cell(row, i))
            .append(i == width.length - 1 ? "" : " ".repeat(width[i] - cell(row, i).length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String cell(List<String> row, int i) {
    String v = i < row.size() ? row.get(i) : "";
    return v == null || v.isEmpty() ? "-" : io.ocsctl.schema.Printable.line(v);
  }

  /**
   * occtl printed something that could not be read: the rest is shown, this says what is missing.
   */
  static void warn(Parsed<?> parsed, PrintWriter err) {
    parsed
        .problems()
        .forEach(p -> err.println("warning: occtl's answer was partly unreadable: " + p));
  }

  static int failed(Exception e, PrintWriter err) {
    err.println("error: " + e.getMessage());
    if (e instanceof OcctlException && e.getMessage().contains("does not answer")) {
      err.println(
          "  = fix: start ocserv (with use-occtl = true), or give its socket with -occtl-socket PATH"
              + " (occtl-socket-file in ocserv.conf); --root DIR reads ocserv.conf under DIR");
    } else if (e instanceof MalformedFileException bad) {
      err.println("  = fix: " + bad.hint());
    }
    return 1;
  }

  static String number(long n) {
    return n < 0 ? "" : String.valueOf(n);
  }
}
