package io.ocsctl.schema.load;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Validates a loaded tree against the shipped JSON Schema and places each error in the file. */
public final class SchemaCheck {
  public static final String SCHEMA_RESOURCE = "/io/ocsctl/schema/desired-state.schema.json";
  private static volatile Schema schema;

  private SchemaCheck() {}

  static Schema schema() {
    if (schema == null) {
      try (InputStream in = SchemaCheck.class.getResourceAsStream(SCHEMA_RESOURCE)) {
        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(text, InputFormat.JSON);
      } catch (IOException e) {
        throw new IllegalStateException("the JSON Schema is missing from the jar", e);
      }
    }
    return schema;
  }

  static List<Diagnostic> check(SourceFile file) {
    List<Error> errors = schema().validate(file.tree());
    List<Diagnostic> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Error error : errors) {
      List<String> path = path(error);
      String keyword = error.getKeyword();
      Diagnostic d;
      if ("additionalProperties".equals(keyword)) {
        String property = error.getProperty();
        List<String> at = new ArrayList<>(path);
        at.add(property);
        List<String> allowed = allowedProperties(error.getSchemaNode());
        d = Diagnostic.at(file.position(at),
            "unknown attribute \"" + property + "\"" + where(path),
            Suggestions.didYouMean(property, allowed).map(s -> "did you mean \"" + s + "\"?")
                .orElse("allowed here: " + String.join(", ", allowed)));
      } else if ("type".equals(keyword) || "anyOf".equals(keyword) || "const".equals(keyword)
          || "enum".equals(keyword)) {
        d = Diagnostic.at(file.position(path), "wrong value for \"" + String.join(".", path)
            + "\": " + stripPath(error.getMessage()), expected(path));
      } else {
        d = Diagnostic.at(file.position(path), stripPath(error.getMessage()) + where(path), expected(path));
      }
      if (seen.add(d.render())) {
        out.add(d);
      }
    }
    return out;
  }

  private static List<String> path(Error error) {
    var location = error.getInstanceLocation();
    List<String> path = new ArrayList<>();
    for (int i = 0; i < location.getNameCount(); i++) {
      path.add(String.valueOf(location.getElement(i)));
    }
    return path;
  }

  private static List<String> allowedProperties(JsonNode schemaNode) {
    List<String> names = new ArrayList<>();
    // the error's schema node is the additionalProperties=false; its parent lists the properties
    if (schemaNode != null && schemaNode.has("properties")) {
      schemaNode.get("properties").propertyNames().forEach(names::add);
    }
    return names;
  }

  private static String where(List<String> path) {
    if (path.isEmpty()) {
      return " at the top level";
    }
    if (path.size() >= 2 && TreeNormalizer.LABELLED_BLOCKS.contains(path.get(0))) {
      return " in " + path.get(0) + " \"" + path.get(1) + "\""
          + (path.size() > 2 ? " (" + String.join(".", path.subList(2, path.size())) + ")" : "");
    }
    return " in " + String.join(".", path);
  }

  private static String stripPath(String message) {
    int colon = message.indexOf(": ");
    return colon >= 0 && message.startsWith("/") || message.startsWith("$") ? message.substring(colon + 2) : message;
  }

  private static String expected(List<String> path) {
    String last = path.isEmpty() ? "" : path.get(path.size() - 1);
    return switch (last) {
      case "locked", "restrict_to_routes" -> "write true or false (no quotes)";
      case "groups", "allow_ports", "deny_ports" -> "write a list of strings, e.g. [\"a\", \"b\"]";
      case "password" -> "write password = { env = \"VAR\" } or { file = \"PATH\" }";
      case "firewall" -> "name a firewall_policy (firewall = \"web-only\") or write an inline firewall block";
      case "version" -> "write version = 1";
      default -> path.size() >= 2 && path.contains("settings")
          ? "an option value is a string, a whole number, true/false, or a list of those"
          : "see docs/format.md for the shape of this block";
    };
  }
}
