package io.ocsctl.schema.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.Fixtures;
import io.ocsctl.schema.format.Formatter;
import io.ocsctl.schema.load.ParseCache;
import io.ocsctl.schema.model.DesiredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRenderTest {
  private static final Path EXAMPLE = Path.of("../examples/fleet");

  @TempDir Path dir;

  @Test
  void everyExampleHostRendersToAFileThatLoadsIntoTheSameStateInBothFormats() throws Exception {
    for (String host : List.of("eu-1", "us-1", "staging")) {
      DesiredState merged = FleetLoader.load(EXAMPLE, host, ParseCache.NONE).state();
      for (String ext : List.of("hcl", "yaml")) {
        Path file = dir.resolve(host + "." + ext);
        String text = HostRender.render(file.toString(), merged, List.of("rendered " + host));
        Files.writeString(file, text);
        assertEquals(merged, DesiredStates.load(file).state(), host + "." + ext);
        assertEquals(text, Formatter.format(file.toString(), text), "canonical: fmt keeps it");
        assertTrue(text.startsWith("# rendered " + host + "\n"), text);
      }
    }
  }

  @Test
  void secretsFromTheEnvironmentOrAFileAndServerPoliciesSurviveRendering() throws Exception {
    Path shared = dir.resolve("shared.hcl");
    Files.writeString(
        shared,
        "server {\n  settings = {\n    \"auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n"
            + "    \"banner\" = \"0755\"\n    \"route\" = \"10.0.0.0/8\"\n    \"max-clients\" = 8\n  }\n"
            + "  firewall = { restrict_to_routes = true, deny_ports = [\"tcp(22)\"] }\n"
            + "  on_user_removal = \"keep\"\n  ban_allowlist = [\"10.0.0.0/8\"]\n}\n"
            + "user \"e\" {\n  password = { env = \"E_PW\" }\n  locked = true\n}\n"
            + "user \"f\" {\n  password = { file = \"f.pw\" }\n}\n"
            + Fixtures.hashed("h"));
    Files.writeString(dir.resolve("fleet.hcl"), "host \"a\" {\n  files = [\"shared.hcl\"]\n}\n");
    DesiredState merged = FleetLoader.load(dir, "a", ParseCache.NONE).state();
    Path out = dir.resolve("out/a.hcl");
    Files.createDirectories(out.getParent());
    Files.writeString(out, HostRender.render(out.toString(), merged, List.of()));
    assertEquals(merged, DesiredStates.load(out).state());
    assertTrue(Files.readString(out).contains("= \"0755\""), "stays a string");
  }
}
