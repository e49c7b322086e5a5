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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates a loaded tree against the shipped JSON Schema and places each error in the file. Each
 * error also names the node it makes unusable, so the loader can drop that node and still run every
 * other check on the rest of the file.
 */
public final class SchemaCheck {
  public static final String SCHEMA_RESOURCE = "/io/ocsctl/schema/desired-state.schema.json";
  private static volatile Schema schema;
  private static volatile JsonNode schemaTree;

  /** A schema error and the path of the node it invalidates. */
  record Finding(List<String> invalid, Diagnostic diagnostic) {}

  private SchemaCheck() {}

  /** The text of the shipped schema. */
  public static String schemaText() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the JSON Schema is missing from the jar", e);
    }
  }

  static Schema schema() {
    if (schema == null) {
      String text = schemaText();
      schemaTree = JsonMapper.shared().readTree(text);
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(text, InputFormat.JSON);
    }
    return schema;
  }

  static List<Finding> check(SourceFile file) {
    Map<List<String>, List<Error>> byPath = new LinkedHashMap<>();
    for (Error error : schema().validate(file.tree())) {
      byPath.computeIfAbsent(path(error), k -> new ArrayList<>()).add(error);
    }
    List<Finding> out = new ArrayList<>();
    byPath.forEach(
        (path, errors) -> {
          JsonNode node = at(file.tree(), path);
          Set<String> expected = new LinkedHashSet<>();
          for (Error error : errors) {
            switch (error.getKeyword()) {
              case "additionalProperties" -> {
                List<String> at = new ArrayList<>(path);
                at.add(error.getProperty());
                out.add(
                    new Finding(
                        at,
                        Diagnostic.at(
                            file.position(at), SchemaMessages.unknown(at), hint(at, error))));
              }
              case "not" -> {
                // the only "not" of the schema: a user with both password_hash and password
                List<String> password = new ArrayList<>(path);
                password.add("password");
                out.add(
                    new Finding(
                        password,
                        Diagnostic.at(
                            file.position(password),
                            SchemaMessages.subject(path) + " sets both password_hash and password",
                            "keep one: password_hash (a crypt hash) or password (clear text read when planning)")));
              }
              case "type" -> {
                JsonNode types = error.getSchemaNode();
                if (types != null && types.isArray()) {
                  types.forEach(t -> expected.add(t.asString()));
                } else if (types != null) {
                  expected.add(types.asString());
                }
              }
              default -> {
                if (out.stream().noneMatch(f -> f.invalid().equals(path))) {
                  out.add(
                      new Finding(
                          path,
                          Diagnostic.at(
                              file.position(path),
                              SchemaMessages.wrong(path, node, error),
                              SchemaMessages.expected(path))));
                }
              }
            }
          }
          // when a branch of an anyOf accepts the node's type, the real error is inside the node
          boolean inside =
              byPath.entrySet().stream()
                  .anyMatch(
                      e ->
                          e.getKey().size() >= path.size()
                              && e.getKey().subList(0, path.size()).equals(path)
                              && e.getValue().stream()
                                  .anyMatch(err -> !err.getKeyword().equals("type")));
          if (!expected.isEmpty() && !expected.contains(jsonType(node)) && !inside) {
            out.add(
                new Finding(
                    path,
                    Diagnostic.at(
                        file.position(path),
                        SchemaMessages.wrongType(path, node, expected),
                        SchemaMessages.expected(path))));
          }
        });
    return out;
  }

  private static String jsonType(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isIntegralNumber()) {
      return "integer";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isString()) {
      return "string";
    }
    return node.isBoolean() ? "boolean" : node.isArray() ? "array" : "object";
  }

  /** "Did you mean", or the attributes allowed, read from the schema object the error is about. */
  private static String hint(List<String> path, Error error) {
    List<String> allowed = new ArrayList<>();
    String location = error.getSchemaLocation().toString();
    String pointer =
        location.substring(location.indexOf('#') + 1).replaceFirst("/additionalProperties$", "");
    JsonNode object = schemaTree.at(pointer);
    if (object.has("properties")) {
      object.get("properties").propertyNames().forEach(allowed::add);
    }
    String property = path.get(path.size() - 1);
    return Suggestions.didYouMean(property, allowed)
        .map(s -> "did you mean " + Diagnostic.quote(s) + "?")
        .orElse(
            (path.size() == 1 ? "the top level holds the blocks " : "allowed here: ")
                + String.join(", ", allowed));
  }

  private static List<String> path(Error error) {
    var location = error.getInstanceLocation();
    List<String> path = new ArrayList<>();
    for (int i = 0; i < location.getNameCount(); i++) {
      path.add(String.valueOf(location.getElement(i)));
    }
    return path;
  }

  private static JsonNode at(JsonNode tree, List<String> path) {
    JsonNode node = tree;
    for (String segment : path) {
      if (node == null) {
        return null;
      }
      node = node.isArray() ? node.get(Integer.parseInt(segment)) : node.get(segment);
    }
    return node;
  }
}
