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

/** Checks {@code plan -json} output against the schema published in docs/plan.schema.json. */
final class PlanSchema {
  private static Schema schema;

  private PlanSchema() {}

  static void assertValid(String json) throws IOException {
    if (schema == null) {
      String text = Files.readString(Path.of("../docs/plan.schema.json"));
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(text, InputFormat.JSON);
    }
    List<?> errors = schema.validate(json, InputFormat.JSON);
    assertEquals(
        List.of(),
        errors.stream().map(Object::toString).toList(),
        "plan -json does not match docs/plan.schema.json");
  }
}
