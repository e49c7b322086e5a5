package io.ocsctl.providers.occtl;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one field of an occtl record whatever its JSON type, never failing: absent reads as empty.
 */
final class Fields {
  private Fields() {}

  static String text(ObjectNode record, String key) {
    JsonNode v = record.get(key);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "";
    }
    if (v.isArray()) {
      return String.join(", ", list(record, key));
    }
    if (v.isObject()) {
      return "";
    }
    return v.asString("").strip();
  }

  /** A whole number, or -1 when absent or not a number that fits a long. */
  static long number(ObjectNode record, String key) {
    JsonNode v = record.get(key);
    if (v == null) {
      return -1;
    }
    if (v.isNumber()) {
      return v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : -1;
    }
    if (v.isString()) {
      String s = v.asString("").strip();
      if (s.matches("-?[0-9]{1,18}")) {
        return Long.parseLong(s);
      }
    }
    return -1;
  }

  static boolean flag(ObjectNode record, String key) {
    JsonNode v = record.get(key);
    if (v == null) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    String s = text(record, key);
    return s.equals("1") || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes");
  }

  static List<String> list(ObjectNode record, String key) {
    JsonNode v = record.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isArray()) {
      for (JsonNode element : v) {
        if (element.isValueNode() && !element.isNull()) {
          out.add(element.asString("").strip());
        }
      }
    } else if (v.isValueNode() && !v.isNull() && !v.asString("").isBlank()) {
      out.add(v.asString("").strip());
    }
    return out;
  }

  /** occtl prints "(none)" for a connection without a group. */
  static String group(ObjectNode record) {
    String g = text(record, "Groupname");
    return g.equals("(none)") ? "" : g;
  }
}
