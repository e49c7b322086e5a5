package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #19 item 2: {@code plan -out} takes a bare file name, and never creates directories. */
class PlanOutTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");

  @TempDir Path tmp;

  private Cli.Run plan(String out) {
    return Cli.run(
        "plan",
        "-f",
        SCENARIO.resolve("desired.hcl").toString(),
        "--root",
        SCENARIO.resolve("live").toString(),
        "-out",
        out);
  }

  @Test
  void aBareFileNameIsWrittenInTheWorkingDirectory() throws Exception {
    Path bare = Path.of("ocsctl-test-" + UUID.randomUUID() + ".plan");
    try {
      Cli.Run run = plan(bare.toString());
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(Files.isRegularFile(bare), run.err());
      assertTrue(run.err().contains("ocsctl apply"), run.err());
    } finally {
      Files.deleteIfExists(bare);
    }
  }

  @Test
  void aMissingDirectoryIsAnErrorNotCreated() {
    Path missing = tmp.resolve("nonexistent/dir/p.plan");
    Cli.Run run = plan(missing.toString());
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("the directory " + missing.getParent() + " does not exist"), run.err());
    assertFalse(Files.exists(tmp.resolve("nonexistent")), "no directory was created");
  }
}
