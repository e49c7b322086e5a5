package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks JSON output against the schemas published in docs/ (plan, diagnostics). */
final class PlanSchema {
  private static Schema schema;

  private PlanSchema() {}

  private static Schema diagnostics;

  static void assertValid(String json) throws IOException {
    if (schema == null) {
      schema = load("plan.schema.json");
    }
    List<?> errors = schema.validate(json, InputFormat.JSON);
    assertEquals(
        List.of(),
        errors.stream().map(Object::toString).toList(),
        "plan -json does not match docs/plan.schema.json");
  }

  /** Checks JSON diagnostics against docs/diagnostics.schema.json. */
  static void assertValidDiagnostics(String json) throws IOException {
    if (diagnostics == null) {
      diagnostics = load("diagnostics.schema.json");
    }
    List<?> errors = diagnostics.validate(json, InputFormat.JSON);
    assertEquals(
        List.of(),
        errors.stream().map(Object::toString).toList(),
        "JSON diagnostics do not match docs/diagnostics.schema.json: " + json);
  }

  private static Schema load(String name) throws IOException {
    String text = Files.readString(Path.of("../docs/" + name));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(text, InputFormat.JSON);
  }
}
