package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.Places;
import io.ocsctl.schema.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Turns the errors of Jackson's YAML parser (SnakeYAML's "while parsing ... expected ..." text)
 * into a message that names the real place: the bracket never closed, the key without ':', the line
 * indented differently from its neighbours, the key given twice.
 */
final class YamlErrors {
  private static final Pattern MARK = Pattern.compile("\\s*in reader, line (\\d+), column (\\d+):");
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate .*?\"(.*)\"");
  private static final Pattern KEY =
      Pattern.compile(
          "(\\s*)(?:- )?(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s#'\"][^:#]*?):(\\s.*|$)");

  private YamlErrors() {}

  static Diagnostic of(String file, String text, JacksonException e) {
    String original = e.getOriginalMessage();
    Matcher dup = DUPLICATE.matcher(original);
    TokenStreamLocation loc = e.getLocation();
    int line = loc == null ? 0 : loc.getLineNr();
    if (dup.lookingAt()) {
      return duplicate(file, text, line, dup.group(1));
    }
    // SnakeYAML: [context text, context mark], problem text, problem mark
    List<String> texts = new ArrayList<>();
    List<int[]> marks = new ArrayList<>();
    for (String l : original.split("\n")) {
      Matcher m = MARK.matcher(l);
      if (m.matches()) {
        marks.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
      } else if (!l.isBlank() && !l.startsWith(" ")) {
        texts.add(l.strip());
      }
    }
    String problem =
        texts.isEmpty() ? original.lines().findFirst().orElse("") : texts.get(texts.size() - 1);
    String context = texts.size() > 1 ? texts.get(0) : "";
    int[] at =
        marks.isEmpty()
            ? new int[] {line, loc == null ? 0 : loc.getColumnNr()}
            : marks.get(marks.size() - 1);
    String message = "YAML syntax error: " + problem;
    String hint =
        "check the YAML here: nesting is by indentation (2 spaces), keys end with ':',"
            + " values holding ': ' or ' #' need quotes";
    if (marks.size() > 1) {
      int[] start = marks.get(0);
      if (context.contains("flow sequence") || context.contains("flow mapping")) {
        char open = context.contains("sequence") ? '[' : '{';
        char close = open == '[' ? ']' : '}';
        at = start;
        message =
            "YAML syntax error: the '" + open + "' opened here is never closed (" + problem + ")";
        hint =
            "close it with '"
                + close
                + "'; a quoted string left open on its line also swallows the '"
                + close
                + "'";
      } else if (context.contains("simple key")) {
        at = start;
        message = "YAML syntax error: missing ':' after a key";
        hint = "write key: value, with a space after the ':'";
      } else if (context.contains("quoted scalar")) {
        at = start;
        message = "YAML syntax error: the quoted string opened here is never closed";
        hint = "close the string on the same line";
      } else if (context.contains("block mapping") || context.contains("block collection")) {
        message = "YAML syntax error: this line is indented differently from the keys around it";
        hint = "indent it like its siblings (2 spaces per level), or give it a parent key";
      }
    }
    if (problem.toLowerCase(Locale.ROOT).contains("tab")) {
      message = "YAML syntax error: a tab where YAML needs spaces";
      hint = "indent with spaces; YAML forbids tabs for indentation";
    }
    return Diagnostic.at(SourcePosition.in(file, text, at[0], at[1]), message, hint);
  }

  /** A key given twice: named with its parents, placed on the key, with the line of the first. */
  private static Diagnostic duplicate(String file, String text, int line, String key) {
    String[] lines = text.split("\n", -1);
    if (line < 1 || line > lines.length) {
      return new Diagnostic(
          file,
          0,
          0,
          "key " + Diagnostic.quote(key) + " is given twice",
          "remove one of the two; YAML would silently keep only one",
          "");
    }
    String here = lines[line - 1];
    int column = Math.max(here.indexOf(key), 0) + 1;
    int indent = column - 1;
    // the parents: the nearest lines above with less indentation; the first occurrence: same
    // indentation
    List<String> path = new ArrayList<>();
    int first = 0;
    int level = indent;
    for (int i = line - 2; i >= 0; i--) {
      Matcher m = KEY.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      int ind = m.group(1).length();
      String name = unquote(m.group(2).strip());
      if (ind == indent && first == 0 && level == indent && name.equals(key)) {
        first = i + 1;
      } else if (ind < level) {
        path.add(0, name);
        level = ind;
      }
    }
    path.add(key);
    String what;
    if (path.size() == 2 && Places.LABELLED_BLOCKS.contains(path.get(0))) {
      what = path.get(0) + " " + Diagnostic.quote(key) + " is declared twice";
    } else {
      List<String> parent = path.subList(0, path.size() - 1);
      boolean option = !parent.isEmpty() && parent.get(parent.size() - 1).equals("settings");
      what =
          (option ? "option " : parent.isEmpty() ? "block " : "attribute ")
              + Diagnostic.quote(key)
              + " is set twice "
              + Places.where(parent);
    }
    return Diagnostic.at(
        SourcePosition.in(file, text, line, column),
        what + (first > 0 ? " (first at line " + first + ")" : ""),
        "keep one; YAML would silently keep only the last");
  }

  private static String unquote(String key) {
    if (key.length() >= 2
        && (key.startsWith("\"") && key.endsWith("\"")
            || key.startsWith("'") && key.endsWith("'"))) {
      return key.substring(1, key.length() - 1);
    }
    return key;
  }
}
