package io.ocsctl.schema.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ocsctl.schema.Fixtures;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.load.DesiredStateLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatterTest {
  @TempDir Path dir;

  /** Formats, checks the result is canonical (formatting it again changes nothing), returns it. */
  static String fmt(String name, String text) throws InvalidInputException {
    String once = Formatter.format(name, text);
    assertEquals(once, Formatter.format(name, once), "fmt is idempotent");
    return once;
  }

  @Test
  void hclCanonicalForm() throws InvalidInputException {
    String input =
        String.join(
            "\n",
            "user \"bob\" {",
            "locked = true",
            "    password_hash = \"" + Fixtures.HASH + "\"",
            "  groups = [\"eng\"]",
            "}",
            "group \"eng\" { settings = { \"route\" = [\"10.0.0.0/8\"], \"dns\" = \"10.0.0.53\" } }",
            "version = 1",
            "server {",
            "  settings = { \"auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\", \"max-clients\" = 16,"
                + " \"try-mtu-discovery\" = false }",
            "  firewall { allow_ports = [\"tcp(443)\"]",
            "  restrict_to_routes = true }",
            "}",
            "user \"alice\" {",
            "  password = { env = \"ALICE_PW\" }",
            "}",
            "group \"empty\" {}",
            "");
    assertEquals(
        String.join(
            "\n",
            "version = 1",
            "",
            "server {",
            "  settings = {",
            "    \"auth\"              = \"plain[passwd=/etc/ocserv/ocpasswd]\"",
            "    \"max-clients\"       = 16",
            "    \"try-mtu-discovery\" = false",
            "  }",
            "  firewall {",
            "    restrict_to_routes = true",
            "    allow_ports        = [\"tcp(443)\"]",
            "  }",
            "}",
            "",
            "group \"eng\" {",
            "  settings = {",
            "    \"route\" = [\"10.0.0.0/8\"]",
            "    \"dns\"   = \"10.0.0.53\"",
            "  }",
            "}",
            "",
            "group \"empty\" {}",
            "",
            "user \"bob\" {",
            "  groups        = [\"eng\"]",
            "  password_hash = \"" + Fixtures.HASH + "\"",
            "  locked        = true",
            "}",
            "",
            "user \"alice\" {",
            "  password = { env = \"ALICE_PW\" }",
            "}",
            ""),
        fmt("t.hcl", input));
  }

  @Test
  void yamlCanonicalForm() throws InvalidInputException {
    String input =
        String.join(
            "\n",
            "user: {bob: {locked: true, groups: [eng]}}",
            "group:",
            "    eng:",
            "        settings: {route: [\"10.0.0.0/8\"], banner: 'it''s: \"quoted\"', tcp-port-like: \"443\"}",
            "server: {settings: {auth: \"plain[passwd=/etc/ocserv/ocpasswd]\", use-occtl: yes, x: 'true'}}",
            "version: 1",
            "");
    assertEquals(
        String.join(
            "\n",
            "version: 1",
            "server:",
            "  settings:",
            "    auth: \"plain[passwd=/etc/ocserv/ocpasswd]\"",
            "    use-occtl: \"yes\"",
            "    x: \"true\"",
            "group:",
            "  eng:",
            "    settings:",
            "      route: [10.0.0.0/8]",
            "      banner: \"it's: \\\"quoted\\\"\"",
            "      tcp-port-like: \"443\"",
            "user:",
            "  bob:",
            "    groups: [eng]",
            "    locked: true",
            ""),
        fmt("t.yaml", input));
  }

  @Test
  void serverAttributesComeAfterSettingsAndIpv6AddressesLoadBack() throws InvalidInputException {
    assertEquals(
        String.join(
            "\n",
            "server {",
            "  settings = {",
            "    \"auth\" = \"certificate\"",
            "  }",
            "  on_user_removal = \"keep\"",
            "  ban_allowlist   = [\"192.0.2.10\", \"::1\"]",
            "}",
            ""),
        fmt(
            "t.hcl",
            "server {\n  ban_allowlist = [\"192.0.2.10\", \"::1\"]\n  on_user_removal = \"keep\"\n"
                + "  settings = { \"auth\" = \"certificate\" }\n}\n"));
    // Jackson writes "::1" plain, which does not load back
    assertEquals(
        String.join(
            "\n",
            "server:",
            "  settings:",
            "    dns: \"::1\"",
            "  on_user_removal: keep",
            "  ban_allowlist: [192.0.2.10, \"::1\", 2001:db8::/48, \"::ffff:192.0.2.0/120\"]",
            ""),
        fmt(
            "t.yaml",
            "server:\n  ban_allowlist: [192.0.2.10, \"::1\", \"2001:db8::/48\", \"::ffff:192.0.2.0/120\"]\n"
                + "  on_user_removal: keep\n  settings: {dns: \"::1\"}\n"));
  }

  @Test
  void longListsGoOneElementPerLine() throws InvalidInputException {
    StringBuilder routes = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      routes.append(i == 0 ? "" : ", ").append("\"10.").append(i).append(".0.0/16\"");
    }
    String hcl = fmt("t.hcl", "server {\n  settings = { \"route\" = [" + routes + "] }\n}\n");
    assertEquals(
        "    \"route\" = [\n      \"10.0.0.0/16\",",
        hcl.lines().skip(2).limit(2).reduce((a, b) -> a + "\n" + b).get());
    String yaml = fmt("t.yaml", "server:\n  settings:\n    route: [" + routes + "]\n");
    assertEquals(
        "    route:\n      - 10.0.0.0/16",
        yaml.lines().skip(2).limit(2).reduce((a, b) -> a + "\n" + b).get());
  }

  @Test
  void commentsStayWithWhatTheyDescribe() throws InvalidInputException {
    String hcl =
        String.join(
            "\n",
            "# header",
            "",
            "version = 1",
            "user \"alice\" { # trailing on the block",
            "  # above locked",
            "  locked = true",
            "  groups = [",
            "    # first group",
            "    \"eng\", # why",
            "  ]",
            "}",
            "group \"eng\" {}",
            "/* footer",
            " * two lines */",
            "");
    assertEquals(
        String.join(
            "\n",
            "# header",
            "",
            "version = 1",
            "",
            "group \"eng\" {}",
            "",
            "user \"alice\" { # trailing on the block",
            "  groups = [",
            "    # first group",
            "    \"eng\", # why",
            "  ]",
            "  # above locked",
            "  locked = true",
            "}",
            "",
            "/* footer",
            " * two lines */",
            ""),
        fmt("t.hcl", hcl));
    String yaml =
        "# header\nuser:\n  # alice\n  alice: {locked: true} # locked\nversion: 1 # v\n# end\n";
    assertEquals(
        "version: 1 # v\nuser:\n  # alice\n  alice: # locked\n    locked: true\n# end\n",
        fmt("t.yaml", yaml).replace("# header\n", ""));
  }

  @Test
  void commentsItCannotPlaceAreRefused() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> Formatter.format("t.hcl", "server {\n  settings = {}\n  # dangling\n}\n"));
    assertEquals(3, e.diagnostics().get(0).line());
    assertEquals(
        "fmt cannot keep a comment that is not directly above a block, attribute, option or list element",
        e.diagnostics().get(0).message());
    e =
        assertThrows(
            InvalidInputException.class,
            () -> Formatter.format("t.hcl", "server {\n} # the end\n"));
    assertEquals(2, e.diagnostics().get(0).line());
    e =
        assertThrows(
            InvalidInputException.class,
            () -> Formatter.format("t.hcl", "server { settings = { /* x */ \"a\" = 1 } }\n"));
    assertEquals(
        "fmt cannot keep a /* */ comment between code on one line",
        e.diagnostics().get(0).message());
  }

  @Test
  void invalidFilesAreNotFormatted() {
    assertThrows(InvalidInputException.class, () -> Formatter.format("t.hcl", "server {\n"));
    assertThrows(InvalidInputException.class, () -> Formatter.format("t.yaml", "server: [\n"));
    assertThrows(InvalidInputException.class, () -> Formatter.format("t.hcl", "users \"a\" {}\n"));
  }

  @Test
  void theModelIsTheSameAfterFormatting() throws IOException, InvalidInputException {
    String text =
        Fixtures.server("\"route\" = [\"10.0.0.0/8\"]", "\"max-clients\" = \"16\"")
            + "group \"eng\" {}\n"
            + Fixtures.hashed("alice", "groups = [\"eng\"]", "locked = false");
    Path before = dir.resolve("before.hcl");
    Path after = dir.resolve("after.hcl");
    Files.writeString(before, text);
    Files.writeString(after, fmt("after.hcl", text));
    assertEquals(DesiredStateLoader.load(before).state(), DesiredStateLoader.load(after).state());
  }

  /** Any option value, however strange, survives formatting in both formats. */
  @Property(tries = 300)
  void anyValueSurvives(@ForAll String value) throws InvalidInputException {
    Assume.that(!hasLoneSurrogate(value));
    String json = YamlWriter.doubleQuoted(value);
    fmt(
        "t.yaml",
        "server:\n  settings:\n    banner: "
            + json
            + "\n    \""
            + "x\": ["
            + json
            + ", "
            + json
            + "]\n");
    Assume.that(
        value.chars().allMatch(c -> c >= 0x20 && c != 0x7f || c == '\n' || c == '\t' || c == '\r')
            && !value.contains("${"));
    fmt("t.hcl", "server {\n  settings = { \"banner\" = " + HclWriter.string(value) + " }\n}\n");
  }

  /** A file is UTF-8: it cannot hold half a surrogate pair. */
  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Any user name survives formatting in both formats (the validator, not fmt, judges names). */
  @Property(tries = 300)
  void anyNameSurvives(@ForAll String name) throws InvalidInputException {
    Assume.that(!name.isEmpty() && !hasLoneSurrogate(name));
    fmt("t.yaml", "user:\n  " + YamlWriter.doubleQuoted(name) + ": {locked: true}\n");
    Assume.that(name.chars().allMatch(c -> c >= 0x20 && c != 0x7f) && !name.contains("${"));
    fmt("t.hcl", "user " + HclWriter.string(name) + " {\n  locked = true\n}\n");
  }
}
