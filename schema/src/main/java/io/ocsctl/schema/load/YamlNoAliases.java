package io.ocsctl.schema.load;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Refuses YAML anchors ({@code &name}) and aliases ({@code *name}, {@code <<: *name}) while the tree
 * is read: Jackson turns an alias into the string {@code "name"}, so {@code default-domain: *dom}
 * would silently configure the domain "dom". Refusing is simpler to review than resolving.
 */
final class YamlNoAliases extends JsonParserDelegate {
  /** Where the first anchor or alias is; thrown out of the token stream. */
  static final class Found extends RuntimeException {
    final int line;
    final int column;
    final String what;

    Found(TokenStreamLocation at, String what) {
      super(what, null, false, false);
      this.line = at.getLineNr();
      this.column = at.getColumnNr();
      this.what = what;
    }
  }

  private final YAMLParser yaml;

  YamlNoAliases(YAMLParser yaml) {
    super(yaml);
    this.yaml = yaml;
  }

  @Override
  public JsonToken nextToken() {
    JsonToken t = super.nextToken();
    if (t != null && yaml.isCurrentAlias()) {
      throw new Found(yaml.currentTokenLocation(), "the alias *" + yaml.getString());
    }
    String anchor = t == null ? null : yaml.getObjectId();
    if (anchor != null) {
      throw new Found(yaml.currentTokenLocation(), "the anchor &" + anchor);
    }
    return t;
  }
}
