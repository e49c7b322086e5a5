package io.ocsctl.schema.load;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.SourcePosition;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads an HCL desired-state file with hcl4j, closing the holes hcl4j leaves (DESIGN.md). */
final class HclLoader {
  private static final Pattern ILLEGAL =
      Pattern.compile(
          "Illegal character <\\((.*?)\\) - state: \\d+> found on line: (\\d+) col: (\\d+)",
          Pattern.DOTALL);
  private static final Pattern POSITION =
      Pattern.compile("[Ll]ine:? ?(\\d+)(?:,? [Cc]ol(?:umn)?:? ?(\\d+))?");
  private static final Pattern MISSING_EQUALS =
      Pattern.compile("\\s*(\"[^\"]*\"|[A-Za-z_][\\w-]*)\\s+([^\\s={].*)");

  private HclLoader() {}

  static SourceFile load(String file, String text) throws InvalidInputException {
    HclBraceCheck.check(file, text);
    Map<String, Object> parsed;
    try {
      parsed = HclChunks.parse(text);
    } catch (Exception e) {
      // hcl4j's message and line refer to the piece that failed: parse the whole file for them
      try {
        new HCLParser().parse(text);
      } catch (Exception whole) {
        throw new InvalidInputException(parseError(file, text, whole));
      }
      throw new InvalidInputException(parseError(file, text, e));
    } catch (StackOverflowError e) {
      // hcl4j evaluates expressions recursively and can loop on some malformed input (found by
      // LoaderFuzzTest); a desired state never needs expressions, so this is reported, not thrown
      throw new InvalidInputException(
          new Diagnostic(
              file,
              0,
              0,
              "HCL syntax error: hcl4j could not evaluate an expression in this file (it recursed without end)",
              "write plain values: quoted strings, numbers, true/false, lists [..] and maps { .. };"
                  + " no expressions, references or function calls",
              ""));
    }
    HclStructureCheck.check(file, text);
    return new SourceFile(
        file, text, TreeNormalizer.fromHcl(file, parsed), () -> positions(file, text));
  }

  /**
   * The position index, from hcl4j's symbol tree: built only when an error is placed or comments
   * kept.
   */
  static PositionIndex positions(String file, String text) {
    return HclPositions.index(file, text);
  }

  private static Diagnostic parseError(String file, String text, Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    Matcher illegal = ILLEGAL.matcher(message);
    int line = 0;
    int column = 0;
    String what;
    if (illegal.find()) {
      line = Integer.parseInt(illegal.group(2));
      column = Integer.parseInt(illegal.group(3));
      what = "unexpected " + describe(illegal.group(1));
    } else {
      Matcher m = POSITION.matcher(message);
      if (m.find()) {
        line = Integer.parseInt(m.group(1));
        column = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
      }
      what = message.lines().findFirst().orElse(message);
    }
    SourcePosition pos = SourcePosition.in(file, text, line, column);
    Matcher missing = MISSING_EQUALS.matcher(pos.excerpt());
    if (missing.matches() && !pos.excerpt().contains("=")) {
      return Diagnostic.at(
          SourcePosition.in(file, text, line, missing.start(2) + 1),
          "HCL syntax error: expected '=' between " + quoted(missing.group(1)) + " and its value",
          "an attribute is written name = value: add '=' between the name and the value");
    }
    return Diagnostic.at(
        pos,
        "HCL syntax error: " + what,
        "check the HCL syntax here: attributes are name = value, blocks are kind \"name\" { ... },"
            + " list elements are separated by ','");
  }

  private static String quoted(String name) {
    return name.startsWith("\"") ? name : Diagnostic.quote(name);
  }

  private static String describe(String character) {
    if (character.equals("\n")) {
      return "end of line";
    }
    return Diagnostic.quote(character);
  }
}
