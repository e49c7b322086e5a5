package io.ocsctl.providers.occtl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the JSON occtl prints, which is not always JSON. ocserv 1.1.6, checked here, prints a comma
 * after the last field of each {@code show sessions} record and after the last record; and prints
 * {@code show iroutes} as one object holding every connection's fields in a row, with no comma
 * between one connection and the next and {@code "ID"} repeated. Jackson reads the first with
 * {@link JsonReadFeature#ALLOW_TRAILING_COMMA}; a repair inserts the missing commas; a top-level
 * object is split into records where its first field name comes round again. What still cannot be
 * read (a truncated answer, a quote inside a string ocserv did not escape) is described, and the
 * records before it are kept.
 */
final class LenientJson {
  /** Larger answers are refused: 10,000 connected users print about 15 MiB. */
  static final int MAX_CHARS = 64 * 1024 * 1024;

  static final JsonMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(
                      JsonReadFeature.ALLOW_TRAILING_COMMA,
                      JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                      JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
                      JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
                      JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
                      JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
                      JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
                      JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxStringLength(1024 * 1024)
                          .maxNumberLength(100)
                          .maxDocumentLength(MAX_CHARS + 16L)
                          .build())
                  .build())
          // records are read one value at a time from a longer stream
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** A value followed, on a later line, by a field name or an object with no comma between them. */
  private static final Pattern MISSING_COMMA =
      Pattern.compile(
          "(\"|\\]|\\}|[0-9]|true|false|null)[ \\t]*(\\r?\\n(?:[ \\t]*\\r?\\n)*[ \\t]*[\"{])");

  private LenientJson() {}

  /**
   * The records of one answer: the objects of a top-level array, or the one or more records a
   * top-level object holds. Throws only when nothing at all could be read.
   */
  static Parsed<List<ObjectNode>> records(String what, String text) throws OcctlException {
    String json = prepare(what, text);
    List<ObjectNode> records = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    ObjectNode current = null;
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken top = parser.nextToken();
      if (top == JsonToken.START_ARRAY) {
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          if (t == null) {
            problems.add("the answer ends inside the list");
            break;
          }
          if (t != JsonToken.START_OBJECT) {
            problems.add(
                "skipped a "
                    + describe(t)
                    + " where a record was expected (record "
                    + (records.size() + 1)
                    + ")");
            parser.skipChildren();
            continue;
          }
          current = JSON.createObjectNode();
          if (!readFields(parser, current, null)) {
            break;
          }
          records.add(current);
          current = null;
        }
      } else if (top == JsonToken.START_OBJECT) {
        current = JSON.createObjectNode();
        if (readFields(parser, current, records)) {
          if (!current.isEmpty()) {
            records.add(current);
          }
          current = null;
        }
      } else {
        throw new OcctlException(what + ": occtl's answer is not JSON: " + excerpt(json));
      }
    } catch (JacksonException e) {
      problems.add(
          "the answer could not be read"
              + (e.getLocation() == null ? "" : " from line " + e.getLocation().getLineNr())
              + ": "
              + message(e)
              + (records.isEmpty()
                  ? ""
                  : " ("
                      + records.size()
                      + " record"
                      + (records.size() == 1 ? "" : "s")
                      + " read before it)"));
    }
    if (current != null) {
      if (!current.isEmpty()) {
        records.add(current);
        problems.add(0, "record " + records.size() + " is incomplete");
      }
      if (problems.isEmpty()) {
        problems.add("the answer ends inside a record");
      }
    }
    if (records.isEmpty() && !problems.isEmpty()) {
      throw new OcctlException(what + ": " + String.join("; ", problems));
    }
    return new Parsed<>(List.copyOf(records), problems);
  }

  /**
   * Reads fields into {@code target} until its END_OBJECT; false when the input ended first. With
   * {@code splitInto}, a repeat of the first field name closes {@code target} into that list and
   * starts a fresh record: how a top-level object holding several records is cut apart.
   */
  private static boolean readFields(
      JsonParser parser, ObjectNode target, List<ObjectNode> splitInto) {
    ObjectNode current = target;
    String first = null;
    for (JsonToken f = parser.nextToken(); f != JsonToken.END_OBJECT; f = parser.nextToken()) {
      if (f == null) {
        return false;
      }
      String name = parser.currentName() == null ? "" : parser.currentName();
      if (splitInto != null) {
        if (first == null) {
          first = name;
        } else if (name.equals(first)) {
          splitInto.add(current.deepCopy());
          current.removeAll();
        }
      }
      if (parser.nextToken() == null) {
        return false;
      }
      JsonNode value = JSON.readTree(parser);
      if (value == null || value.isMissingNode()) {
        return false;
      }
      current.set(name, value);
    }
    return true;
  }

  /**
   * Size check, leading noise dropped (from the first line that opens a JSON value), commas
   * repaired.
   */
  static String prepare(String what, String text) throws OcctlException {
    String in = text == null ? "" : text;
    if (in.length() > MAX_CHARS) {
      throw new OcctlException(
          what + ": occtl printed more than " + (MAX_CHARS >> 20) + " MiB; refusing to read it");
    }
    int start = jsonStart(in);
    if (start < 0) {
      throw new OcctlException(
          what + ": occtl printed no JSON" + (in.isBlank() ? "" : ": " + excerpt(in)));
    }
    return MISSING_COMMA.matcher(in.substring(start)).replaceAll("$1,$2");
  }

  /** Where the first line whose first visible character is '[' or '{' starts that character. */
  static int jsonStart(String text) {
    int lineStart = 0;
    while (lineStart < text.length()) {
      int i = lineStart;
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++;
      }
      if (i < text.length() && (text.charAt(i) == '[' || text.charAt(i) == '{')) {
        return i;
      }
      int newline = text.indexOf('\n', lineStart);
      if (newline < 0) {
        return -1;
      }
      lineStart = newline + 1;
    }
    return -1;
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "list";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> "value";
    };
  }

  private static String message(JacksonException e) {
    String m =
        e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    int newline = m.indexOf('\n');
    return excerpt(newline >= 0 ? m.substring(0, newline) : m);
  }

  static String excerpt(String text) {
    String line = text.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline).strip() + " ...";
    }
    return OcctlArgs.printable(line.length() > 120 ? line.substring(0, 120) + "..." : line);
  }
}
