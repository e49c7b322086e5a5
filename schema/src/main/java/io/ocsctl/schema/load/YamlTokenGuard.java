package io.ocsctl.schema.load;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Checks every YAML token as the tree is read. Anchors ({@code &name}) and aliases ({@code *name},
 * {@code <<: *name}) are refused: Jackson turns an alias into the string {@code "name"}, so {@code
 * default-domain: *dom} would silently configure the domain "dom" (refusing is simpler to review
 * than resolving). A value longer than any option needs is refused (a line limit does not bound a
 * multi-line scalar).
 */
final class YamlTokenGuard extends JsonParserDelegate {
  /** Where the token is and what is wrong with it; thrown out of the token stream. */
  static final class Refused extends RuntimeException {
    final int line;
    final int column;
    final String hint;

    Refused(TokenStreamLocation at, String message, String hint) {
      super(message, null, false, false);
      this.line = at.getLineNr();
      this.column = at.getColumnNr();
      this.hint = hint;
    }
  }

  private static final String NO_ALIAS = "write the value out in full at each place it is used";

  private final YAMLParser yaml;

  YamlTokenGuard(JsonParser yaml) {
    super(yaml);
    this.yaml = (YAMLParser) yaml;
  }

  @Override
  public JsonToken nextToken() {
    JsonToken t = super.nextToken();
    if (t == null) {
      return null;
    }
    if (yaml.isCurrentAlias()) {
      throw new Refused(
          yaml.currentTokenLocation(),
          "YAML anchors and aliases are not supported (the alias *"
              + yaml.getString()
              + "): Jackson would read an alias as the anchor's name, not its value",
          NO_ALIAS);
    }
    String anchor = yaml.getObjectId();
    if (anchor != null) {
      throw new Refused(
          yaml.currentTokenLocation(),
          "YAML anchors and aliases are not supported (the anchor &"
              + anchor
              + "): Jackson would read an alias as the anchor's name, not its value",
          NO_ALIAS);
    }
    if (t == JsonToken.VALUE_STRING && yaml.getString().length() > TextChecks.MAX_LINE_CHARS) {
      throw new Refused(
          yaml.currentTokenLocation(),
          String.format(
              "the value is %,d characters long; ocsctl reads" + " values of at most %,d",
              yaml.getString().length(), TextChecks.MAX_LINE_CHARS),
          "no option value is this long: shorten it or delete it");
    }
    return t;
  }
}
