package io.ocsctl.engine.render;

import io.ocsctl.engine.Failure;
import io.ocsctl.schema.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON shape of diagnostics ({@code docs/diagnostics.schema.json}): what {@code validate
 * -json} prints, and what any command given {@code -json} prints on stdout when it fails. Each
 * diagnostic: severity, summary, detail, file, line, column (null when not known) and fix. No
 * excerpt of a file is included, so no secret of a line can reach it.
 */
public final class DiagnosticsRenderer {
  public static final String FORMAT_VERSION = "1.0";

  private DiagnosticsRenderer() {}

  /** {@code validate -json}: valid when there are no errors; warnings are listed either way. */
  public static String validation(List<Diagnostic> errors, List<Diagnostic> warnings) {
    ObjectNode root = header("validate", errors.isEmpty());
    root.put("valid", errors.isEmpty());
    fill(root, errors, warnings);
    return JsonRenderer.pretty(root);
  }

  /** A command that stopped: its failure as diagnostics. */
  public static String failure(String command, Failure failure) {
    ObjectNode root = header(command, false);
    if (command.equals("validate")) {
      root.put("valid", false);
    }
    List<Diagnostic> errors = new ArrayList<>();
    if (failure instanceof Failure.InvalidInput invalid) {
      errors.addAll(invalid.diagnostics());
    } else if (failure instanceof Failure.MalformedFile bad) {
      errors.add(new Diagnostic(bad.file(), bad.line(), 0, bad.message(), bad.fix(), ""));
    } else {
      errors.add(null); // from the failure's lines, below
    }
    ArrayNode list = fill(root, errors.contains(null) ? List.of() : errors, List.of());
    if (errors.contains(null)) {
      root.put("error_count", 1);
      List<String> lines = failure.lines();
      String summary = lines.isEmpty() ? "" : lines.get(0).replaceFirst("^error: ", "");
      List<String> detail = new ArrayList<>();
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        if (!line.isBlank() && !line.strip().startsWith("= fix:")) {
          detail.add(line.strip());
        }
      }
      ObjectNode d = list.addObject();
      d.put("severity", "error");
      d.put("summary", summary);
      d.put("detail", String.join("\n", detail));
      d.putNull("file");
      d.putNull("line");
      d.putNull("column");
      d.put("fix", failure.fix());
    }
    return JsonRenderer.pretty(root);
  }

  private static ObjectNode header(String command, boolean success) {
    ObjectNode root = JsonMapper.builder().build().createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("command", command);
    root.put("success", success);
    return root;
  }

  private static ArrayNode fill(
      ObjectNode root, List<Diagnostic> errors, List<Diagnostic> warnings) {
    root.put("error_count", errors.size());
    root.put("warning_count", warnings.size());
    ArrayNode list = root.putArray("diagnostics");
    errors.forEach(d -> add(list, "error", d));
    warnings.forEach(d -> add(list, "warning", d));
    return list;
  }

  private static void add(ArrayNode list, String severity, Diagnostic d) {
    ObjectNode node = list.addObject();
    node.put("severity", severity);
    node.put("summary", d.message());
    node.put("detail", "");
    node.put("file", d.file());
    if (d.line() > 0) {
      node.put("line", d.line());
    } else {
      node.putNull("line");
    }
    if (d.column() > 0) {
      node.put("column", d.column());
    } else {
      node.putNull("column");
    }
    node.put("fix", d.hint());
  }
}
