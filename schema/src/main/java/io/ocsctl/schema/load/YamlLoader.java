package io.ocsctl.schema.load;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.SourcePosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads a YAML desired-state file with Jackson, duplicate keys rejected (Jackson ignores them by
 * default).
 */
final class YamlLoader {
  private static final ObjectMapper YAML =
      YAMLMapper.builder(
              tools.jackson.dataformat.yaml.YAMLFactory.builder()
                  // snakeyaml stops at 3 M code points by default: a 100,000-user file is larger;
                  // the loader's own size limit (DesiredStateLoader.MAX_FILE_BYTES) applies instead
                  .loadSettings(
                      org.snakeyaml.engine.v2.api.LoadSettings.builder()
                          .setCodePointLimit((int) DesiredStateLoader.MAX_FILE_BYTES)
                          .build())
                  // as for HCL: a desired state nests a few levels; 20,000 would only cost time
                  .streamReadConstraints(
                      tools.jackson.core.StreamReadConstraints.builder()
                          .maxNestingDepth(HclBraceCheck.MAX_DEPTH)
                          .build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(
              DeserializationFeature
                  .FAIL_ON_TRAILING_TOKENS) // a second document is reported by name
          .build();

  private YamlLoader() {}

  static SourceFile load(String file, String text) throws InvalidInputException {
    JsonNode tree;
    try (JsonParser parser = new YamlTokenGuard(YAML.createParser(text))) {
      tree = YAML.readTree(parser);
      if (parser.nextToken() != null) {
        int line = documentStart(text, parser.currentTokenLocation().getLineNr());
        throw new InvalidInputException(
            Diagnostic.at(
                SourcePosition.in(file, text, line, 1),
                "a second YAML document starts here; ocsctl reads one document per file",
                "merge the documents into one, or split them into two files of a directory"));
      }
    } catch (YamlTokenGuard.Refused refused) {
      throw refused(file, text, refused);
    } catch (tools.jackson.core.exc.StreamConstraintsException e) {
      throw tooLarge(file, text, e);
    } catch (JacksonException e) {
      if (e.getCause() instanceof YamlTokenGuard.Refused refused) {
        throw refused(file, text, refused);
      }
      throw new InvalidInputException(YamlErrors.of(file, text, e));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      tree = YAML.createObjectNode(); // only comments: reported like an empty HCL file
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new InvalidInputException(
          Diagnostic.at(
              SourcePosition.in(file, text, firstContentLine(text), 1),
              "the document is "
                  + (tree.isArray() ? "a list" : "a single value")
                  + ", not a mapping of blocks",
              "start the file with the blocks: version: 1, server:, group:, user: ..."));
    }
    return new SourceFile(file, text, object, () -> index(file, text));
  }

  /** Nesting deeper than a desired state ever needs (StreamReadConstraints). */
  private static InvalidInputException tooLarge(String file, String text, JacksonException e) {
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    return new InvalidInputException(
        Diagnostic.at(
            SourcePosition.in(file, text, Math.max(line, 0), 0),
            "the YAML nests deeper than " + HclBraceCheck.MAX_DEPTH + " levels",
            "a desired state nests a few levels (block, settings, list): close the mappings above it"));
  }

  private static InvalidInputException refused(
      String file, String text, YamlTokenGuard.Refused refused) {
    return new InvalidInputException(
        Diagnostic.at(
            SourcePosition.in(file, text, refused.line, refused.column),
            refused.getMessage(),
            refused.hint));
  }

  /** The line of the "---" that starts the document whose first token is on {@code line}. */
  private static int documentStart(String text, int line) {
    String[] lines = text.split("\n", -1);
    for (int i = line - 1; i >= 1; i--) {
      String l = lines[i - 1].strip();
      if (l.startsWith("---")) {
        return i;
      }
      if (!l.isEmpty() && !l.startsWith("#")) {
        break;
      }
    }
    return line;
  }

  private static int firstContentLine(String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("#") && !l.equals("---")) {
        return i + 1;
      }
    }
    return 1;
  }

  /** Walks the token stream once, recording where every key and list element starts. */
  static PositionIndex index(String file, String text) {
    PositionIndex index = new PositionIndex(file, text);
    try (JsonParser p = YAML.createParser(text)) {
      Deque<List<String>> paths = new ArrayDeque<>();
      List<String> path = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        TokenStreamLocation loc = p.currentTokenLocation();
        if (t == JsonToken.PROPERTY_NAME) {
          index.put(append(path, p.currentName()), loc.getLineNr(), loc.getColumnNr());
          continue;
        }
        if (t.isStructEnd()) {
          path = paths.pop();
          continue;
        }
        // the context that holds this value: for '{' or '[' it is the parent of the one just opened
        TokenStreamContext holder =
            t.isStructStart() ? p.streamReadContext().getParent() : p.streamReadContext();
        String segment = null;
        if (holder != null && holder.inArray()) {
          segment = Integer.toString(holder.getCurrentIndex());
          index.put(append(path, segment), loc.getLineNr(), loc.getColumnNr());
        } else if (holder != null && holder.inObject()) {
          segment = holder.currentName();
        }
        if (t.isStructStart()) {
          paths.push(path);
          path = segment == null ? path : append(path, segment);
        }
      }
    } catch (JacksonException e) {
      // positions are best effort; the tree itself parsed
    }
    return index;
  }

  private static List<String> append(List<String> path, String segment) {
    List<String> out = new ArrayList<>(path);
    out.add(segment);
    return out;
  }
}
