package io.ocsctl.schema;

import static io.ocsctl.schema.Fixtures.hashed;
import static io.ocsctl.schema.Fixtures.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.format.DesiredStateWriter;
import io.ocsctl.schema.format.Formatter;
import io.ocsctl.schema.model.Canary;
import io.ocsctl.schema.model.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top-level {@code canary} block: loading (HCL and YAML), validation and fmt. */
class CanaryBlockTest {
  static final String PIN = "pin-sha256:/H931CzIHJgQuwjYYlN95kUyDL2UxSQCXIVvLugAqNM=";

  @TempDir Path dir;

  private static String canary(String... lines) {
    StringBuilder s = new StringBuilder("canary {\n");
    for (String line : lines) {
      s.append("  ").append(line).append('\n');
    }
    return s.append("}\n").toString();
  }

  private static String valid() {
    return server()
        + hashed("canary")
        + canary(
            "user = \"canary\"",
            "password = { env = \"CANARY_PW\" }",
            "connect = \"https://vpn.example.com:443\"",
            "server_cert = \"" + PIN + "\"",
            "expect_routes = [\"10.10.0.0/16\", \"2001:db8::/48\"]",
            "expect_dns = [\"10.10.0.53\"]",
            "timeout = \"1m30s\"");
  }

  private List<String> errors(String text) throws Exception {
    return Fixtures.errors(dir, text);
  }

  @Test
  void hclAndYamlLoadTheSameCanary() throws Exception {
    Path hcl = dir.resolve("t.hcl");
    Files.writeString(hcl, valid());
    Canary c = DesiredStates.load(hcl).state().canary().orElseThrow();
    assertEquals("canary", c.user());
    assertEquals(new Secret.FromEnv("CANARY_PW"), c.password());
    assertEquals(Optional.of("https://vpn.example.com:443"), c.connect());
    assertEquals(PIN, c.serverCert());
    assertEquals(List.of("10.10.0.0/16", "2001:db8::/48"), c.expectRoutes());
    assertEquals(List.of("10.10.0.53"), c.expectDns());
    assertEquals(Duration.ofSeconds(90), c.timeout());
    assertFalse(c.toString().contains("CANARY_PW"), c.toString());

    Path yaml = dir.resolve("u.yaml");
    Files.writeString(
        yaml,
        "server: {settings: {auth: \"plain[passwd=/etc/ocserv/ocpasswd]\"}}\n"
            + "user: {canary: {password_hash: \""
            + Fixtures.HASH
            + "\"}}\n"
            + "canary:\n  user: canary\n  password: {file: pw.txt}\n  server_cert: \""
            + PIN
            + "\"\n");
    Canary y = DesiredStates.load(yaml).state().canary().orElseThrow();
    assertEquals(new Secret.FromFile("pw.txt"), y.password());
    assertEquals(Optional.empty(), y.connect());
    assertEquals(Canary.DEFAULT_TIMEOUT, y.timeout());
    assertEquals(List.of(), y.expectRoutes());
  }

  @Test
  void aStateWithoutCanaryHasNone() throws Exception {
    Path hcl = dir.resolve("t.hcl");
    Files.writeString(hcl, server() + hashed("alice"));
    assertEquals(Optional.empty(), DesiredStates.load(hcl).state().canary());
  }

  @Test
  void everyAttributeIsCheckedInLineOrder() throws Exception {
    assertEquals(List.of(), errors(valid()));
    assertEquals(
        List.of(
            "the canary logs in as user \"canari\", which is not declared",
            "connect in the canary block: the URL must start with https:// (ocserv speaks TLS only)",
            "server_cert in the canary block is not a certificate pin openconnect takes",
            "invalid route \"10.10.0.0/33\" in expect_routes: prefix length too large",
            "invalid route \"10.10.0.1\" in expect_routes: a route is a network with its prefix"
                + " length",
            "invalid DNS server \"10.10.0.0/24\" in expect_dns: a DNS server is an address, not a"
                + " network",
            "timeout in the canary block is not a duration"),
        errors(
            server()
                + hashed("canary")
                + canary(
                    "user = \"canari\"",
                    "password = { env = \"CANARY_PW\" }",
                    "connect = \"http://vpn.example.com\"",
                    "server_cert = \"pin-sha256:abc\"",
                    "expect_routes = [\"10.10.0.0/33\", \"10.10.0.1\"]",
                    "expect_dns = [\"10.10.0.0/24\"]",
                    "timeout = \"20 seconds\"")));
    assertEquals(
        List.of(
            "the canary logs in as user \"canary\", which is locked",
            "timeout in the canary block is longer than 5 minutes"),
        errors(
            server()
                + hashed("canary", "locked = true")
                + canary(
                    "user = \"canary\"",
                    "password = { file = \"pw\" }",
                    "server_cert = \"sha256:" + "ab".repeat(32) + "\"",
                    "timeout = \"10m\"")));
  }

  @Test
  void errorsNameTheLine() throws Exception {
    Path file = dir.resolve("t.hcl");
    Files.writeString(
        file,
        server()
            + hashed("canary")
            + canary(
                "user = \"canary\"",
                "password = { env = \"CANARY_PW\" }",
                "server_cert = \"" + PIN + "\"",
                "expect_dns = [\"10.0.0.1\", \"dns.example.com\"]"));
    Diagnostic d =
        assertThrows(InvalidInputException.class, () -> DesiredStates.load(file))
            .diagnostics()
            .get(0);
    assertEquals(file.toString(), d.file());
    assertEquals(13, d.line(), d.render("error"));
  }

  @Test
  void theSchemaNeedsUserPasswordAndPinAndNeverAHash() throws Exception {
    List<String> missing = errors(server() + hashed("canary") + canary("user = \"canary\""));
    assertEquals(List.of("\"canary\": required property 'password' not found"), missing);
    List<String> hash =
        errors(
            server()
                + hashed("canary")
                + canary(
                    "user = \"canary\"",
                    "password_hash = \"" + Fixtures.HASH.replace("$", "$$") + "\"",
                    "password = { env = \"X\" }",
                    "server_cert = \"" + PIN + "\""));
    assertEquals(1, hash.size(), hash.toString());
    assertFalse(hash.get(0).contains("q68DP5Vt"), "a hash is never shown: " + hash);
  }

  @Test
  void twoCanaryBlocksAreAnError() throws Exception {
    String once =
        canary("user = \"canary\"", "password = { env = \"A\" }", "server_cert = \"" + PIN + "\"");
    assertEquals(
        List.of("canary block is declared twice (first at line 9)"),
        errors(server() + hashed("canary") + once + once));
  }

  @Test
  void fmtKeepsTheCanaryLastInItsOwnOrder() throws Exception {
    String input =
        canary(
                "timeout = \"20s\"",
                "server_cert = \"" + PIN + "\"",
                "expect_dns = [\"10.10.0.53\"]",
                "password = { env = \"CANARY_PW\" }",
                "user = \"canary\"")
            + server()
            + hashed("canary");
    String out = Formatter.format("t.hcl", input);
    assertTrue(
        out.endsWith(
            String.join(
                "\n",
                "canary {",
                "  user        = \"canary\"",
                "  password    = { env = \"CANARY_PW\" }",
                "  server_cert = \"" + PIN + "\"",
                "  expect_dns  = [\"10.10.0.53\"]",
                "  timeout     = \"20s\"",
                "}",
                "")),
        out);
    String yaml =
        Formatter.format(
            "t.yaml",
            "canary: {timeout: 20s, user: canary, password: {env: CANARY_PW}, server_cert: \""
                + PIN
                + "\", expect_routes: [10.10.0.0/16]}\n"
                + "server: {settings: {auth: \"plain[passwd=/etc/ocserv/ocpasswd]\"}}\n");
    assertTrue(yaml.startsWith("server:"), yaml);
    assertTrue(
        yaml.endsWith(
            String.join(
                "\n",
                "canary:",
                "  user: canary",
                "  password:",
                "    env: CANARY_PW",
                "  server_cert: " + PIN,
                "  expect_routes: [10.10.0.0/16]",
                "  timeout: 20s",
                "")),
        yaml);
  }

  @Test
  void fmtKeepsTheCommentsOfTheIssuesExample() throws Exception {
    String input =
        server()
            + hashed("canary")
            + "\ncanary {\n"
            + "  user          = \"canary\"                       # a declared user\n"
            + "  password      = { env = \"CANARY_PW\" }          # or { file = \"...\" }\n"
            + "  connect       = \"https://vpn.example.com:443\"  # default: listen-host, tcp-port\n"
            + "  server_cert   = \""
            + PIN
            + "\"\n"
            + "  expect_routes = [\"10.10.0.0/16\"]               # must be pushed to the canary\n"
            + "  expect_dns    = [\"10.10.0.53\"]\n"
            + "  timeout       = \"20s\"\n"
            + "}\n";
    String out = Formatter.format("t.hcl", input);
    assertTrue(out.contains("\"canary\" # a declared user"), out);
    assertTrue(out.contains("# must be pushed to the canary"), out);
    assertEquals(out, Formatter.format("t.hcl", out));
    assertEquals(List.of(), errors(input));
  }

  @Test
  void theWriterWritesTheCanaryItLoads() throws Exception {
    Path hcl = dir.resolve("t.hcl");
    Files.writeString(hcl, valid());
    var state = DesiredStates.load(hcl).state();
    for (DesiredStateWriter.Syntax syntax : DesiredStateWriter.Syntax.values()) {
      String text = DesiredStateWriter.write(state, syntax, List.of());
      Path again =
          dir.resolve("again-" + syntax + (syntax.name().startsWith("Y") ? ".yaml" : ".hcl"));
      Files.writeString(again, text);
      assertEquals(state.canary(), DesiredStates.load(again).state().canary(), text);
    }
  }

  @Test
  void durations() {
    assertEquals("1m30s", Canary.durationText(Duration.ofSeconds(90)));
    assertEquals("1500ms", Canary.durationText(Duration.ofMillis(1500)));
    assertEquals("1h", Canary.durationText(Duration.ofHours(1)));
    assertEquals(Optional.of(Duration.ofMillis(1500)), Canary.parseDuration("1s500ms"));
    assertEquals(Optional.of(Duration.ofMinutes(5)), Canary.parseDuration("5m"));
    assertEquals(Optional.empty(), Canary.parseDuration("0s"));
    assertEquals(Optional.empty(), Canary.parseDuration("20"));
    assertEquals(Optional.empty(), Canary.parseDuration("s20"));
    assertEquals(Optional.empty(), Canary.parseDuration(""));
  }
}
