package io.ocsctl.schema.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocsctl.schema.load.SchemaCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped JSON Schema (a file) and the {@link UserAttribute} and {@link GroupAttribute}
 * declarations agree: every declared attribute is a property of a user block with exactly its
 * type's schema, and the schema has no other.
 */
class AttributeDeclarationsTest {
  @Test
  void theUserBlockOfTheSchemaIsWhatTheDeclarationsSay() {
    JsonMapper json = JsonMapper.shared();
    JsonNode user =
        json.readTree(SchemaCheck.schemaText())
            .at("/properties/user/additionalProperties/properties");
    Map<String, JsonNode> inSchema = new TreeMap<>();
    user.properties().forEach(e -> inSchema.put(e.getKey(), e.getValue()));
    Map<String, JsonNode> declared = new TreeMap<>();
    for (UserAttribute a : UserAttribute.values()) {
      declared.put(a.key(), json.readTree(a.type().schema));
    }
    assertEquals(declared, inSchema);
  }

  @Test
  void theGroupBlockOfTheSchemaIsWhatTheDeclarationsSay() {
    JsonMapper json = JsonMapper.shared();
    JsonNode group =
        json.readTree(SchemaCheck.schemaText())
            .at("/properties/group/additionalProperties/properties");
    Map<String, JsonNode> inSchema = new TreeMap<>();
    group.properties().forEach(e -> inSchema.put(e.getKey(), e.getValue()));
    Map<String, JsonNode> declared = new TreeMap<>();
    for (GroupAttribute a : GroupAttribute.values()) {
      declared.put(a.key(), json.readTree(a.type().schema));
    }
    assertEquals(declared, inSchema);
  }

  @Test
  void everyAttributeWritesWhatItReads() {
    User alice =
        User.builder("alice")
            .vhost(java.util.Optional.of("vpn2"))
            .groups(java.util.List.of("eng"))
            .password(java.util.Optional.of(new Secret.FromEnv("ALICE_PW")))
            .locked(true)
            .settings(new Settings(Map.of("dns", java.util.List.of("10.0.0.53"))))
            .firewall(java.util.Optional.of(new FirewallRef.Named("web")))
            .build();
    Map<String, JsonNode> block = new LinkedHashMap<>();
    for (UserAttribute a : UserAttribute.values()) {
      a.write(alice).ifPresent(v -> block.put(a.key(), v));
    }
    assertEquals(alice, UserAttribute.read("alice", JsonMapper.shared().valueToTree(block)));
    assertEquals(
        java.util.List.of("vhost", "groups", "password", "locked", "settings", "firewall"),
        java.util.List.copyOf(block.keySet()));
  }
}
