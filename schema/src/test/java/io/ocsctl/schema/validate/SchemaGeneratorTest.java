package io.ocsctl.schema.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The published JSON Schema is exactly what the generator makes from the base schema and the option
 * catalogue. When it is not, regenerate it: {@code mvn -B -o -pl schema test
 * -Dtest=SchemaGeneratorTest -Dregenerate=true}.
 */
class SchemaGeneratorTest {
  static final Path PUBLISHED = Path.of("..").resolve(SchemaGenerator.PUBLISHED);

  @Test
  void publishedSchemaIsWhatTheGeneratorMakes() throws IOException {
    String generated = SchemaGenerator.generate();
    if (Boolean.getBoolean("regenerate")) {
      Files.writeString(PUBLISHED, generated);
    }
    String published = Files.exists(PUBLISHED) ? Files.readString(PUBLISHED) : "(missing)";
    assertEquals(
        generated,
        published,
        SchemaGenerator.PUBLISHED
            + " does not match the option catalogue and the"
            + " base schema. Regenerate it: mvn -B -o -pl schema test -Dtest=SchemaGeneratorTest -Dregenerate=true");
  }

  @Test
  void everyScopeListsExactlyItsOptions() {
    JsonNode defs = YAMLMapper.shared().readTree(SchemaGenerator.generate()).get("$defs");
    for (String def : List.of("serverSettings", "vhostSettings", "groupSettings", "userSettings")) {
      assertTrue(defs.get(def).get("propertyNames").get("enum").size() > 10, def);
    }
    List<String> group =
        defs.get("groupSettings")
            .get("propertyNames")
            .get("enum")
            .valueStream()
            .map(JsonNode::asString)
            .toList();
    assertTrue(group.contains("route"));
    assertTrue(!group.contains("tcp-port"));
    long expected =
        OptionCatalogue.all().values().stream()
            .filter(o -> o.scopes().contains(OptionScope.GROUP))
            .count();
    assertEquals(expected, group.size());
  }

  @Test
  void publishedSchemaAcceptsTheExampleAndRejectsAnOptionOutOfScope() throws IOException {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaGenerator.generate(), InputFormat.JSON);
    JsonNode example =
        YAMLMapper.shared().readTree(Files.readString(Path.of("../examples/basic/desired.yaml")));
    assertEquals(List.of(), schema.validate(example));
    JsonNode bad =
        YAMLMapper.shared()
            .readTree("group: { eng: { settings: { tcp-port: 443, max-client: 3 } } }");
    assertEquals(2, schema.validate(bad).size());
  }
}
