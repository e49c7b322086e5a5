package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.Places;
import io.ocsctl.schema.SourcePosition;
import io.ocsctl.schema.load.HclTokens.Kind;
import io.ocsctl.schema.load.HclTokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks for what hcl4j's parser silently accepts: an attribute or option set twice in one block
 * (the parser keeps the last), a block declared twice (it turns both into a list) and blocks with a
 * missing or extra name. It reads the tokens of a file hcl4j has parsed.
 */
final class HclStructureCheck {
  private static final List<String> UNLABELLED = List.of("server", "canary");
  private static final List<String> KNOWN_NESTED = List.of("settings", "firewall", "password");

  /** A block, map or list being read: its path (as Places names it) and the keys seen in it. */
  private record Frame(List<String> path, boolean options, boolean list, Map<String, Token> seen) {
    Frame(List<String> path, boolean options, boolean list) {
      this(path, options, list, new HashMap<>());
    }
  }

  private final String file;
  private final String text;
  private final List<Diagnostic> errors = new ArrayList<>();

  private HclStructureCheck(String file, String text) {
    this.file = file;
    this.text = text;
  }

  static void check(String file, String text) throws InvalidInputException {
    HclStructureCheck check = new HclStructureCheck(file, text);
    check.run(HclTokens.of(text));
    if (!check.errors.isEmpty()) {
      throw new InvalidInputException(check.errors);
    }
  }

  private void run(List<Token> tokens) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(List.of(), false, false));
    boolean start = true;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Frame frame = stack.peek();
      switch (t.kind()) {
        case NEWLINE, COMMA -> start = true;
        case CLOSE_BRACE, CLOSE_BRACKET -> {
          if (stack.size() > 1) {
            stack.pop();
          }
          start = false;
        }
        case OPEN_BRACKET -> {
          stack.push(new Frame(frame.path(), false, true));
          start = true;
        }
        case OPEN_BRACE -> {
          stack.push(new Frame(frame.path(), false, false));
          start = true;
        }
        case NAME, STRING -> {
          if (!start || frame.list()) {
            start = false;
            continue;
          }
          int j = i + 1;
          List<String> names = new ArrayList<>(List.of(t.text()));
          while (j < tokens.size() && tokens.get(j).kind() == Kind.STRING) {
            names.add(tokens.get(j++).text());
          }
          Kind next = j < tokens.size() ? tokens.get(j).kind() : Kind.NEWLINE;
          start = false;
          if (next == Kind.EQUALS && names.size() == 1) {
            seen(
                frame,
                t.text(),
                t,
                (frame.options() ? "option " : "attribute ") + Diagnostic.quote(t.text()),
                false);
            if (j + 1 < tokens.size() && tokens.get(j + 1).kind() == Kind.OPEN_BRACE) {
              stack.push(
                  new Frame(
                      append(frame.path(), List.of(t.text())), t.text().equals("settings"), false));
              start = true;
              j++;
            }
            i = j;
          } else if (next == Kind.OPEN_BRACE) {
            boolean top = stack.size() == 1;
            boolean labelled =
                top && names.size() == 2 && Places.LABELLED_BLOCKS.contains(names.get(0));
            seen(
                frame,
                String.join("\u0000", names),
                t,
                labelled
                    ? names.get(0) + " " + Diagnostic.quote(names.get(1))
                    : names.get(0) + " block",
                true);
            names(t, names, top);
            stack.push(
                new Frame(
                    append(frame.path(), labelled ? names : names.subList(0, 1)), false, false));
            start = true;
            i = j;
          }
        }
        default -> start = false;
      }
    }
  }

  private void seen(Frame frame, String key, Token token, String what, boolean block) {
    Token first = frame.seen().putIfAbsent(key, token);
    if (first == null) {
      return;
    }
    errors.add(
        Diagnostic.at(
            at(token),
            what
                + (block ? " is declared twice" : " is set twice " + Places.where(frame.path()))
                + " (first at line "
                + first.line()
                + ")",
            block
                ? "merge the two blocks into one"
                : frame.options()
                    ? "keep one; an option with several values is a list: \"route\" = [\"a\", \"b\"]"
                    : "keep one; HCL would silently keep only the last"));
  }

  private void names(Token token, List<String> names, boolean top) {
    String kind = names.get(0);
    boolean labelled = top && Places.LABELLED_BLOCKS.contains(kind);
    boolean known = labelled || (top ? UNLABELLED.contains(kind) : KNOWN_NESTED.contains(kind));
    if (labelled && names.size() != 2) {
      errors.add(
          Diagnostic.at(
              at(token),
              names.size() < 2
                  ? "a " + kind + " block needs a name"
                  : "a " + kind + " block takes one name, not " + (names.size() - 1),
              "write " + kind + " \"NAME\" { ... }"));
    } else if (known && !labelled && names.size() != 1) {
      errors.add(
          Diagnostic.at(
              at(token), "the " + kind + " block takes no name", "write " + kind + " { ... }"));
    }
  }

  private SourcePosition at(Token token) {
    return SourcePosition.in(file, text, token.line(), token.column());
  }

  private static List<String> append(List<String> path, List<String> more) {
    List<String> out = new ArrayList<>(path);
    out.addAll(more);
    return out;
  }
}
