package io.ocsctl.schema;

import static io.ocsctl.schema.Fixtures.hashed;
import static io.ocsctl.schema.Fixtures.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ocsctl.schema.model.RemovalPolicy;
import io.ocsctl.schema.model.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesiredStatesTest {
  @TempDir Path dir;

  private List<Diagnostic> errors(Path path) {
    return assertThrows(InvalidInputException.class, () -> DesiredStates.load(path)).diagnostics();
  }

  @Test
  void everyErrorOfAFileInLineOrder() throws IOException {
    Path file = dir.resolve("t.hcl");
    Files.writeString(
        file,
        server("\"max-client\" = 3")
            + "group \"eng\" {}\n"
            + "user \"al:ice\" {\n  groups = [\"eng\", \"ops\"]\n  password_hash = \"x\"\n  locked = \"yes\"\n}\n");
    assertEquals(
        List.of(
            "4:5 unknown option \"max-client\" in the server settings",
            "8:1 user \"al:ice\": the name contains ':' (it separates the fields of the ocpasswd file)",
            "9:20 user \"al:ice\" is in group \"ops\", which is not declared",
            "10:3 password_hash of user \"al:ice\" is not a crypt(3) hash (a clear-text password?)",
            "11:3 \"locked\" in user \"al:ice\" must be true or false, not the string \"yes\""),
        errors(file).stream().map(d -> d.line() + ":" + d.column() + " " + d.message()).toList());
  }

  @Test
  void theServerBlockCarriesTheRemovalPolicyAndTheBanAllowlist() throws Exception {
    Path hcl = dir.resolve("t.hcl");
    Files.writeString(
        hcl,
        "server {\n  settings = { \"auth\" = \"certificate\" }\n  on_user_removal = \"keep\"\n"
            + "  ban_allowlist = [\"192.0.2.10\", \"2001:db8::/48\"]\n}\n");
    Server server = DesiredStates.load(hcl).state().server();
    assertEquals(Optional.of(RemovalPolicy.KEEP), server.onUserRemoval());
    assertEquals(List.of("192.0.2.10", "2001:db8::/48"), server.banAllowlist());
    Path yaml = dir.resolve("u.yaml");
    Files.writeString(yaml, "server:\n  settings: {auth: certificate}\n");
    Server plain = DesiredStates.load(yaml).state().server();
    assertEquals(Optional.empty(), plain.onUserRemoval());
    assertEquals(List.of(), plain.banAllowlist());
  }

  @Test
  void aDirectoryIsOneStateAndANameBelongsToOneFile() throws Exception {
    Files.writeString(dir.resolve("a.hcl"), server() + "group \"eng\" {}\n");
    Files.writeString(
        dir.resolve("b.yaml"),
        "user:\n  alice:\n    groups: [eng]\n    password_hash: \"" + Fixtures.HASH + "\"\n");
    assertEquals(1, DesiredStates.load(dir).state().users().size());
    Files.writeString(dir.resolve("c.hcl"), "group \"eng\" {}\n");
    Diagnostic d = errors(dir).get(0);
    assertEquals(dir.resolve("c.hcl").toString(), d.file());
    assertEquals(
        "group \"eng\" is declared twice: here and in " + dir.resolve("a.hcl") + ":6", d.message());
  }

  @Test
  void anUnparsableFileSuppressesChecksAcrossFiles() throws IOException {
    Files.writeString(dir.resolve("a.hcl"), server() + "group \"eng\" {\n");
    Files.writeString(dir.resolve("b.hcl"), hashed("alice", "groups = [\"eng\"]"));
    // the group may well be declared in the broken file: only its syntax error is reported
    assertEquals(
        List.of("'{' is never closed"), errors(dir).stream().map(Diagnostic::message).toList());
  }

  @Test
  void emptyStates() throws IOException {
    Files.writeString(dir.resolve("empty.yaml"), "\n\n");
    Files.writeString(dir.resolve("comments.hcl"), "# nothing\n");
    assertEquals("the file is empty", errors(dir.resolve("empty.yaml")).get(0).message());
    assertEquals(
        "the file declares nothing: it holds only comments",
        errors(dir.resolve("comments.hcl")).get(0).message());
    Path none = dir.resolve("none");
    Files.createDirectory(none);
    assertEquals(
        "the directory holds no *.hcl, *.yaml or *.yml file", errors(none).get(0).message());
  }

  @Test
  void yamlHoles() throws IOException {
    Path twoDocs = dir.resolve("two.yaml");
    Files.writeString(twoDocs, "server:\n  settings: {auth: certificate}\n---\nuser: {}\n");
    assertEquals(
        List.of("3:1 a second YAML document starts here; ocsctl reads one document per file"),
        errors(twoDocs).stream()
            .map(d -> d.line() + ":" + d.column() + " " + d.message())
            .toList());
    Path tabs = dir.resolve("tabs.yaml");
    Files.writeString(tabs, "server:\n\tsettings: {}\n");
    assertEquals(
        "indent with spaces; YAML forbids tabs for indentation", errors(tabs).get(0).hint());
  }

  @Test
  void byteOrderMarkAndWindowsLineEndingsAreFine() throws Exception {
    Path file = dir.resolve("bom.hcl");
    Files.writeString(file, "\uFEFF" + (server() + hashed("alice")).replace("\n", "\r\n"));
    assertEquals(1, DesiredStates.load(file).state().users().size());
  }
}
