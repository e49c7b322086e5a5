package io.ocsctl.schema.load;

import com.networknt.schema.Error;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.Places;
import io.ocsctl.schema.model.UserAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The words of schema errors: what is wrong, where, and what to write instead. */
final class SchemaMessages {
  private SchemaMessages() {}

  static String unknown(List<String> path) {
    String name = Diagnostic.quote(path.get(path.size() - 1));
    List<String> parent = path.subList(0, path.size() - 1);
    if (parent.isEmpty()) {
      return "unknown block " + name;
    }
    return "unknown attribute " + name + " " + where(parent);
  }

  static String wrong(List<String> path, JsonNode node, Error error) {
    String what = subject(path);
    String found = describe(path, node);
    return switch (error.getKeyword()) {
      case "const" ->
          "version "
              + (node == null ? "" : node.toString())
              + " is not supported: this ocsctl reads version 1";
      case "enum" ->
          what
              + " must be one of "
              + error.getSchemaNode().toString().replaceAll("[\\[\\]\"]", "").replace(",", ", ")
              + ", not "
              + found;
      case "pattern" ->
          what
              + " is "
              + (node == null ? "empty" : Diagnostic.quote(node.asString()))
              // the password's env is the only pattern of the schema today; a new attribute's
              // pattern says what it wants in its hint
              + (path.get(path.size() - 1).equals("env")
                  ? ", which is not an environment variable name"
                  : ", which is not in the form it must have");
      case "minProperties", "maxProperties" -> what + " needs exactly one of env or file";
      case "minLength" -> what + " is empty";
      default -> what + ": " + error.getMessage().replaceFirst("^[/$][^:]*: ", "");
    };
  }

  static String subject(List<String> path) {
    return Places.subject(path);
  }

  /** {@code "locked" in user "alice" must be true or false, not the string "yes"}. */
  static String wrongType(List<String> path, JsonNode node, Set<String> expected) {
    return subject(path)
        + " must be "
        + expectedType(path, expected)
        + ", not "
        + describe(path, node);
  }

  private static String expectedType(List<String> path, Set<String> types) {
    if (types.contains("array") && types.contains("string") && types.contains("integer")) {
      return "a string, a whole number, true/false, or a list of those";
    }
    if (types.equals(Set.of("string", "object"))) {
      return "the name of a firewall_policy or a firewall block";
    }
    List<String> words = new ArrayList<>();
    for (String t : types) {
      words.add(
          switch (t) {
            case "boolean" -> "true or false";
            case "integer" -> "a whole number";
            case "string" -> "a string";
            case "array" -> "a list";
            case "object" ->
                path.size() == 1 && Places.LABELLED_BLOCKS.contains(path.get(0))
                    ? "a map from names to blocks"
                    : "a block";
            default -> t;
          });
    }
    return String.join(" or ", words);
  }

  private static String where(List<String> parent) {
    return Places.where(parent);
  }

  /** {@link #describe(JsonNode)}, except that a string where a password belongs is never shown. */
  static String describe(List<String> path, JsonNode node) {
    boolean secret =
        path.size() >= 3
            && Places.userAttribute(path.subList(0, 3)).map(UserAttribute::isSecret).orElse(false);
    return secret && node != null && node.isString()
        ? "a string (not shown: it may be a password)"
        : describe(node);
  }

  static String describe(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "no value";
    }
    if (node.isString()) {
      String s = node.asString();
      return "the string " + Diagnostic.quote(s.length() > 40 ? s.substring(0, 37) + "..." : s);
    }
    if (node.isBoolean()) {
      return "the boolean " + node.asBoolean();
    }
    if (node.isIntegralNumber()) {
      return "the number " + node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return "the number " + node.asString() + " (not a whole number)";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "a block or map";
  }

  static String expected(List<String> path) {
    String last = path.isEmpty() ? "" : path.get(path.size() - 1);
    boolean inSettings = path.size() >= 2 && path.get(path.size() - 2).equals("settings");
    if (inSettings) {
      return "an option value is a string, a whole number, true/false, or a list of those";
    }
    if (last.matches("\\d+")) {
      return "write each element as a string in double quotes";
    }
    var user = Places.userAttribute(path).flatMap(UserAttribute::hint);
    if (user.isPresent()) {
      return user.get();
    }
    return switch (last) {
      case "locked", "restrict_to_routes" -> "write true or false, without quotes";
      case "allow_ports", "deny_ports" -> "write a list of ports, e.g. [\"tcp(443)\", \"udp(53)\"]";
      case "env" ->
          "an environment variable name: letters, digits and '_', not starting with a digit";
      case "file" -> "give the path of the file that holds the password";
      case "firewall" ->
          "name a firewall_policy, or give a firewall block of restrict_to_routes, allow_ports"
              + " or deny_ports";
      case "settings" -> "settings maps ocserv option names to their values";
      case "version" -> "the only version is 1";
      case "canary" ->
          "give the canary block user, password = { env = \"VAR\" } and server_cert (docs/canary.md)";
      case "expect_routes" -> "write a list of networks, e.g. [\"10.10.0.0/16\"]";
      case "expect_dns" -> "write a list of addresses, e.g. [\"10.10.0.53\"]";
      case "timeout" -> "write a duration such as \"20s\" or \"1m30s\"";
      case "server_cert" ->
          "write the pin openconnect --servercert takes, e.g. \"pin-sha256:BASE64\"";
      case "on_user_removal" -> "write \"disconnect\" or \"keep\"";
      case "ban_allowlist" ->
          "write a list of addresses or networks, e.g. [\"192.0.2.10\", \"10.1.0.0/16\"]";
      default ->
          path.size() == 1 && Places.LABELLED_BLOCKS.contains(last)
              ? "give each " + last + " a block of its own, named after it (see docs/format.md)"
              : path.size() == 2 && Places.LABELLED_BLOCKS.contains(path.get(0))
                  ? "give " + path.get(0) + " " + Diagnostic.quote(last) + " a block of attributes"
                  : "see docs/format.md for the shape of this block";
    };
  }
}
