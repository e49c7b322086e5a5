package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.importer.Import;
import io.ocsctl.engine.importer.ImportException;
import io.ocsctl.engine.importer.ImportFormat;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.schema.format.Formatter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Import and fmt share one writer (schema/format/DesiredStateWriter): what import writes is already
 * what {@code ocsctl fmt} makes of it, byte for byte, in both formats, for every live tree the
 * repository ships (the examples, every scenario and every fidelity case import accepts).
 */
class ImportIsCanonicalTest {
  private static final String CONF = "/etc/ocserv/ocserv.conf";

  @TestFactory
  Stream<DynamicTest> importOutputIsFmtOutput() throws IOException {
    List<Path> trees = new ArrayList<>(ImportCommandTest.liveTrees());
    try (Stream<Path> cases = Files.list(OcservFidelityTest.CASES)) {
      cases.sorted().map(c -> c.resolve("live")).filter(Files::isDirectory).forEach(trees::add);
    }
    List<DynamicTest> tests = new ArrayList<>();
    int[] imported = {0};
    for (Path tree : trees) {
      for (ImportFormat format : ImportFormat.values()) {
        String name = tree.getParent().getFileName() + " (" + format.extension() + ")";
        tests.add(
            DynamicTest.dynamicTest(
                name,
                () -> {
                  String text;
                  try {
                    text = Import.run(tree, CONF, format, "imported").text();
                  } catch (ImportException | MalformedFileException e) {
                    return; // a tree import refuses (the fidelity cases say which) writes nothing
                  }
                  imported[0]++;
                  assertEquals(text, Formatter.format("imported." + format.extension(), text));
                }));
      }
    }
    tests.add(
        DynamicTest.dynamicTest(
            "most trees import", () -> assertTrue(imported[0] >= 30, "imported " + imported[0])));
    return tests.stream();
  }
}
