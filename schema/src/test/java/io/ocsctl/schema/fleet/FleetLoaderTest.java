package io.ocsctl.schema.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.Fixtures;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.load.ParseCache;
import io.ocsctl.schema.model.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetLoaderTest {
  private static final Path EXAMPLE = Path.of("../examples/fleet");

  @TempDir Path dir;

  private DesiredState host(Path fleet, String name) throws InvalidInputException {
    return FleetLoader.load(fleet, name, ParseCache.NONE).state();
  }

  private List<String> errors(Path fleet, String name) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> FleetLoader.load(fleet, name, ParseCache.NONE));
    return e.diagnostics().stream().map(Diagnostic::render).toList();
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** A fleet in {@link #dir} with shared/base.hcl (server, group eng, users alice, bob). */
  private void base(String fleet) throws IOException {
    write("fleet.hcl", fleet);
    write(
        "shared/base.hcl",
        Fixtures.server("\"ipv4-network\" = \"192.168.1.0/24\"", "\"max-clients\" = 8")
            + "group \"eng\" {\n  settings = { \"route\" = [\"10.1.0.0/16\"] }\n}\n"
            + Fixtures.hashed("alice", "groups = [\"eng\"]")
            + Fixtures.hashed("bob"));
  }

  @Test
  void theExampleFleetLoadsEveryHostWithItsOverlay() throws Exception {
    DesiredState eu = host(EXAMPLE, "eu-1");
    assertEquals(List.of("192.168.101.0/24"), eu.server().settings().get("ipv4-network"));
    assertEquals(List.of("443"), eu.server().settings().get("tcp-port"), "shared option kept");
    assertEquals(List.of("alice", "bob", "carol", "eu-oncall"), List.copyOf(eu.users().keySet()));

    DesiredState us = host(EXAMPLE, "us-1");
    assertEquals(3, us.server().settings().get("route").size(), "a list option is replaced whole");
    assertFalse(us.users().containsKey("eu-oncall"));

    DesiredState staging = host(EXAMPLE, "staging");
    assertFalse(staging.users().containsKey("carol"), "withdrawn");
    assertFalse(staging.server().settings().has("max-clients"), "withdrawn option");
    assertEquals(List.of("8443"), staging.server().settings().get("tcp-port"), "YAML overlay");
  }

  @Test
  void theLoadedHostListsEveryFileItWasBuiltFrom() throws Exception {
    DesiredStateLoader.Loaded loaded = FleetLoader.load(EXAMPLE, "eu-1", ParseCache.NONE);
    List<String> names =
        loaded.files().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    assertEquals(List.of("fleet.hcl", "server.hcl", "users.hcl", "eu-1.hcl"), names);
    assertEquals(names.size(), loaded.sha256().size());
  }

  @Test
  void everyHostOfTheExampleIsValid() throws Exception {
    Map<String, List<Diagnostic>> all =
        new FleetLoader(Fleet.load(EXAMPLE), ParseCache.NONE).validateAll();
    assertEquals(List.of("eu-1", "us-1", "staging"), List.copyOf(all.keySet()));
    all.forEach((name, errors) -> assertTrue(errors.isEmpty(), name + ": " + errors));
  }

  @Test
  void anOverlayUserOfASharedNameIsAConflictNamingBothPlaces() throws Exception {
    base("host \"a\" {\n  files = [\"shared\"]\n}\n");
    write("hosts/a.hcl", "\n" + Fixtures.hashed("alice"));
    List<String> errors = errors(dir, "a");
    assertEquals(1, errors.size(), errors.toString());
    String e = errors.get(0);
    assertTrue(e.startsWith(dir.resolve("hosts/a.hcl") + ":2:"), e);
    assertTrue(
        e.contains(
            "declared by this overlay and by the shared files at "
                + dir.resolve("shared/base.hcl")
                + ":11"),
        e);
    assertTrue(e.contains("withdraw { users = [\"alice\"] }"), e);
  }

  @Test
  void aWithdrawnUserMayBeDeclaredAgainByTheOverlay() throws Exception {
    base("host \"a\" {\n  files = [\"shared\"]\n  withdraw {\n    users = [\"alice\"]\n  }\n}\n");
    write("hosts/a.hcl", Fixtures.hashed("alice", "locked = true"));
    assertTrue(host(dir, "a").users().get("alice").locked());
    assertEquals(List.of("bob", "alice"), List.copyOf(host(dir, "a").users().keySet()));
  }

  @Test
  void withdrawingWhatTheSharedFilesDoNotDeclareIsAnErrorAtTheFleetLine() throws Exception {
    base("host \"a\" {\n  files = [\"shared\"]\n  withdraw {\n    users = [\"alise\"]\n  }\n}\n");
    List<String> errors = errors(dir, "a");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith(dir.resolve("fleet.hcl") + ":4:"), errors.get(0));
    assertTrue(
        errors.get(0).contains("withdraws user \"alise\", which its shared files do not declare"));
  }

  @Test
  void withdrawingAGroupAUserStillNamesIsCaughtByTheUsualChecks() throws Exception {
    base("host \"a\" {\n  files = [\"shared\"]\n  withdraw {\n    groups = [\"eng\"]\n  }\n}\n");
    List<String> errors = errors(dir, "a");
    assertTrue(
        errors.stream().anyMatch(e -> e.contains("eng") && e.contains("shared/base.hcl")),
        errors.toString());
  }

  @Test
  void anOverlayErrorIsPlacedInTheOverlayAndASharedOneInTheSharedFile() throws Exception {
    base("host \"a\" {\n  files = [\"shared\"]\n}\n");
    write("hosts/a.hcl", "server {\n  settings = {\n    \"max-clientz\" = 3\n  }\n}\n");
    List<String> errors = errors(dir, "a");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith(dir.resolve("hosts/a.hcl") + ":3:"), errors.get(0));
    assertTrue(errors.get(0).contains("max-clients"), "did you mean");

    write("hosts/a.hcl", "server {\n  settings = {\n    \"max-clients\" = 3\n  }\n}\n");
    write("shared/more.hcl", "group \"ops\" {\n  settings = { \"rout\" = [\"10.2.0.0/16\"] }\n}\n");
    errors = errors(dir, "a");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith(dir.resolve("shared/more.hcl") + ":2:"), errors.get(0));
  }

  @Test
  void theOverlayOverridesServerOptionsKeyByKey() throws Exception {
    base("host \"a\" {\n  files = [\"shared\"]\n}\n");
    write("hosts/a.hcl", "server {\n  settings = {\n    \"max-clients\" = 3\n  }\n}\n");
    DesiredState a = host(dir, "a");
    assertEquals(List.of("3"), a.server().settings().get("max-clients"));
    assertEquals(List.of("192.168.1.0/24"), a.server().settings().get("ipv4-network"));
  }

  @Test
  void aVhostOfASharedNameIsMergedAndANewOneAdded() throws Exception {
    base("host \"a\" {\n  files = [\"shared\"]\n}\n");
    write(
        "shared/vhosts.hcl",
        "vhost \"v.example.com\" {\n  settings = {\n    \"auth\" = \"certificate\"\n"
            + "    \"ipv4-network\" = \"192.168.2.0/24\"\n  }\n}\n");
    write(
        "hosts/a.hcl",
        "vhost \"v.example.com\" {\n  settings = { \"ipv4-network\" = \"192.168.3.0/24\" }\n}\n");
    DesiredState a = host(dir, "a");
    assertEquals(List.of("certificate"), a.vhosts().get("v.example.com").settings().get("auth"));
    assertEquals(
        List.of("192.168.3.0/24"), a.vhosts().get("v.example.com").settings().get("ipv4-network"));
  }

  @Test
  void aYamlFleetFileWorksTheSameWay() throws Exception {
    base("unused: 1\n");
    Files.delete(dir.resolve("fleet.hcl"));
    write("fleet.yaml", "host:\n  a:\n    files: [shared]\n    withdraw:\n      users: [bob]\n");
    write("hosts/a.yaml", "user:\n  carol:\n    password_hash: \"" + Fixtures.HASH + "\"\n");
    assertEquals(List.of("alice", "carol"), List.copyOf(host(dir, "a").users().keySet()));
  }

  @Test
  void anUnknownHostIsNamedWithTheFleetsHosts() throws Exception {
    List<String> errors = errors(EXAMPLE, "eu-2");
    assertTrue(errors.get(0).contains("the fleet has no host \"eu-2\""), errors.get(0));
    assertTrue(errors.get(0).contains("did you mean \"eu-1\"?"), errors.get(0));
  }

  @Test
  void theFleetFileIsCheckedLineByLine() throws Exception {
    base(
        "host \"a\" {\n  files = [\"../outside\"]\n  overlay = \"hosts/none.hcl\"\n  colour = 1\n}\n"
            + "host \"b/c\" {\n  files = [\"shared\"]\n}\n"
            + "hosts \"d\" {\n}\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Fleet.load(dir));
    String all = e.getMessage();
    assertTrue(all.contains("fleet.hcl:2:") && all.contains("is outside the fleet directory"), all);
    assertTrue(all.contains("fleet.hcl:3:") && all.contains("no such file or directory"), all);
    assertTrue(all.contains("fleet.hcl:4:") && all.contains("unknown attribute \"colour\""), all);
    assertTrue(all.contains("fleet.hcl:6:") && all.contains("is not a plain name"), all);
    assertTrue(all.contains("fleet.hcl:9:") && all.contains("unknown block \"hosts\""), all);
  }

  @Test
  void theFleetDirectoryItselfIsNoSharedDirectory() throws Exception {
    base("host \"a\" {\n  files = [\".\"]\n}\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Fleet.load(dir));
    assertTrue(
        e.getMessage().contains("fleet.hcl:2:")
            && e.getMessage().contains("the fleet file cannot be a desired-state file"),
        e.getMessage());
  }

  @Test
  void aHostTakingNothingIsRefused() throws Exception {
    base("host \"a\" {\n}\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Fleet.load(dir));
    assertTrue(e.getMessage().contains("host \"a\" takes no file"), e.getMessage());
  }

  @Test
  void aDirectoryWithoutFleetFileIsNamed() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Fleet.load(dir));
    assertTrue(e.getMessage().contains("holds no fleet.hcl"), e.getMessage());
  }
}
