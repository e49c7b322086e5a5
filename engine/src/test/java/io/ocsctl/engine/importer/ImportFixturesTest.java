package io.ocsctl.engine.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.providers.Binaries;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.model.Secret;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Import on known trees: the Debian sample with a real ocpasswd, and the cases import must refuse
 * or flag.
 */
class ImportFixturesTest {
  private static final String CONF = "/etc/ocserv/ocserv.conf";
  private static final Path DEBIAN = Path.of("../providers/src/test/resources/debian/ocserv.conf");

  @TempDir Path tmp;

  private Path root() throws Exception {
    return Files.createDirectories(tmp.resolve("root/etc/ocserv")).getParent().getParent();
  }

  private void write(Path root, String file, String text) throws Exception {
    Path p = root.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** Imports, checks the round trip, and plans the written file as 'ocsctl plan' does. */
  private Import.Result importAndPlan(Path root, ImportFormat format) throws Exception {
    Import.Result result = Import.run(root, CONF, format, "imported");
    assertTrue(result.exact(), result.check().summary() + "\n" + result.text());
    Path file = tmp.resolve("desired." + format.extension());
    ImportRoundTripTest.assertCanonical(file, result.text());
    Files.writeString(file, result.text());
    if (result.problems().isEmpty()) {
      Plan plan =
          Workflow.plan(new Workflow.Target(file, root, CONF, Map.of(), tmp.resolve("state")))
              .plan();
      assertFalse(plan.hasChanges(), plan.resources() + " " + plan.files());
      assertEquals("No changes.", plan.summary());
    }
    return result;
  }

  @ParameterizedTest
  @EnumSource(ImportFormat.class)
  void debianSampleWithUsersMadeByTheRealOcpasswd(ImportFormat format) throws Exception {
    Path ocpasswd = Binaries.require("ocpasswd");
    Path root = root();
    Files.copy(DEBIAN, root.resolve("etc/ocserv/ocserv.conf"));
    Path passwd = root.resolve("etc/ocserv/passwd");
    ocpasswd(ocpasswd, passwd, "alice-pw", "alice");
    ocpasswd(ocpasswd, passwd, "bob-pw", "-g", "engineering,ops", "bob");
    ocpasswd(ocpasswd, passwd, "carol-pw", "-g", "ops", "carol");
    ocpasswd(ocpasswd, passwd, "", "-l", "carol");

    Import.Result result = importAndPlan(root, format);
    assertEquals(List.of(), result.problems());
    var state = result.state();
    assertEquals(List.of("alice", "bob", "carol"), List.copyOf(state.users().keySet()));
    assertEquals(List.of("engineering", "ops"), List.copyOf(state.groups().keySet()));
    assertEquals(List.of("engineering", "ops"), state.users().get("bob").groups());
    assertTrue(state.users().get("carol").locked());
    assertFalse(state.users().get("bob").locked());
    String carolHash = ((Secret.Hash) state.users().get("carol").password().orElseThrow()).crypt();
    assertTrue(carolHash.startsWith("$5$") || carolHash.startsWith("$6$"), carolHash);
    assertTrue(io.ocsctl.engine.plan.Passwords.matches("carol-pw", carolHash));
    assertEquals(
        List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"),
        state.server().settings().get("route"));
    assertTrue(
        result.text().contains(format == ImportFormat.HCL ? "\"tcp-port\"" : "tcp-port: 443"),
        result.text());
  }

  @Test
  void canonicalHcl() throws Exception {
    Path root = root();
    write(
        root,
        "etc/ocserv/ocserv.conf",
        "# main\nauth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\ntcp-port = 443\n"
            + "default-domain = 0755\nroute = 10.0.0.0/8\nroute = default\nconfig-per-group = /etc/ocserv/groups/\n"
            + "config-per-user = /etc/ocserv/users/\n\n[vhost:vpn2.example.com]\nauth = certificate\n");
    write(root, "etc/ocserv/ocpasswd", "alice:eng,ops:$6$salt$hash\nbob:*:!$5$salt$hash\n");
    write(root, "etc/ocserv/groups/eng", "route = 10.10.0.0/16\ntunnel-all-dns = true\n");
    write(root, "etc/ocserv/groups/quiet", "# nothing yet\n");
    write(root, "etc/ocserv/users/bob", "dns = 10.0.0.53\n");
    write(root, "etc/ocserv/users/certonly", "");
    Import.Result result = Import.run(root, CONF, ImportFormat.HCL, "imported");
    assertTrue(result.exact());
    assertEquals(
        """
        # Imported by 'ocsctl import' from /etc/ocserv/ocserv.conf and the files it names.
        # It holds the users' password hashes: keep it as private as the ocpasswd file.
        # Review it, commit it, then 'ocsctl plan' must say "No changes."
        version = 1

        server {
          settings = {
            "auth"             = "plain[passwd=/etc/ocserv/ocpasswd]"
            "tcp-port"         = 443
            "default-domain"   = "0755"
            "route"            = ["10.0.0.0/8", "default"]
            "config-per-group" = "/etc/ocserv/groups/"
            "config-per-user"  = "/etc/ocserv/users/"
          }
        }

        vhost "vpn2.example.com" {
          settings = {
            "auth" = "certificate"
          }
        }

        group "eng" {
          settings = {
            "route"          = "10.10.0.0/16"
            "tunnel-all-dns" = true
          }
        }

        group "ops" {}

        group "quiet" {}

        user "alice" {
          groups        = ["eng", "ops"]
          password_hash = "$6$salt$hash"
        }

        user "bob" {
          password_hash = "$5$salt$hash"
          locked        = true
          settings = {
            "dns" = "10.0.0.53"
          }
        }

        user "certonly" {}
        """,
        result.text());
    assertEquals(1, result.problems().size(), result.problems().toString());
    assertTrue(
        result.problems().get(0).message().contains("\"certonly\" has no password"),
        result.problems().toString());
  }

  @Test
  void canonicalYaml() throws Exception {
    Path root = root();
    write(
        root,
        "etc/ocserv/ocserv.conf",
        "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\ntcp-port = 443\n"
            + "banner = \"Welcome: authorised users only\"\nroute = 10.0.0.0/8\nroute = 172.16.0.0/12\n"
            + "config-per-group = /etc/ocserv/groups/\n");
    write(root, "etc/ocserv/ocpasswd", "alice:eng:$6$salt$hash\n");
    write(root, "etc/ocserv/groups/eng", "route = 10.10.0.0/16\n");
    Import.Result result = importAndPlan(root, ImportFormat.YAML);
    assertEquals(
        """
        # Imported by 'ocsctl import' from /etc/ocserv/ocserv.conf and the files it names.
        # It holds the users' password hashes: keep it as private as the ocpasswd file.
        # Review it, commit it, then 'ocsctl plan' must say "No changes."
        version: 1
        server:
          settings:
            auth: "plain[passwd=/etc/ocserv/ocpasswd]"
            tcp-port: 443
            banner: "Welcome: authorised users only"
            route: [10.0.0.0/8, 172.16.0.0/12]
            config-per-group: /etc/ocserv/groups/
        group:
          eng:
            settings:
              route: 10.10.0.0/16
        user:
          alice:
            groups: [eng]
            password_hash: $6$salt$hash
        """,
        result.text());
  }

  @Test
  void aValueWithDollarBraceNeedsYaml() throws Exception {
    Path root = root();
    write(root, "etc/ocserv/ocserv.conf", "auth = certificate\nbanner = Hello ${USER}\n");
    var e =
        assertThrows(
            ImportException.class, () -> Import.run(root, CONF, ImportFormat.HCL, "imported"));
    assertTrue(e.getMessage().contains("${") && e.hint().contains("-format yaml"), e.getMessage());
    assertEquals(
        List.of("Hello ${USER}"),
        importAndPlan(root, ImportFormat.YAML).state().server().settings().get("banner"));
  }

  @ParameterizedTest
  @EnumSource(ImportFormat.class)
  void aControlCharacterIsRefusedWithItsPlace(ImportFormat format) throws Exception {
    Path root = root();
    write(
        root,
        "etc/ocserv/ocserv.conf",
        "auth = certificate\nconfig-per-user = /etc/ocserv/users\n");
    write(root, "etc/ocserv/users/alice", "banner = a\tb\n");
    var e = assertThrows(ImportException.class, () -> Import.run(root, CONF, format, "imported"));
    assertTrue(
        e.getMessage().startsWith("/etc/ocserv/users/alice: the value of \"banner\"")
            && e.getMessage().contains("U+0009"),
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(ImportFormat.class)
  void settingsOcsctlDoesNotAcceptAreImportedAndFlagged(ImportFormat format) throws Exception {
    Path root = root();
    write(root, "etc/ocserv/ocserv.conf", "auth = certificate\ntcp-port = 443\nmax-clinets = 16\n");
    Import.Result result = importAndPlan(root, format);
    assertEquals(1, result.problems().size());
    Diagnostic d = result.problems().get(0);
    assertEquals("imported", d.file());
    assertTrue(d.message().contains("max-clinets") && d.line() > 0, d.render());
    assertTrue(result.text().split("\n", -1)[d.line() - 1].contains("max-clinets"), d.render());
  }

  @Test
  void aMissingConfigIsAnError() throws Exception {
    Path root = root();
    var e =
        assertThrows(
            ImportException.class, () -> Import.run(root, CONF, ImportFormat.HCL, "imported"));
    assertTrue(e.getMessage().contains(CONF), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(ImportFormat.class)
  void emptyPerUserAndPerGroupFilesAreKept(ImportFormat format) throws Exception {
    Path root = root();
    write(
        root,
        "etc/ocserv/ocserv.conf",
        "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n"
            + "config-per-user = /etc/ocserv/users/\nconfig-per-group = /etc/ocserv/groups/\n");
    write(root, "etc/ocserv/ocpasswd", "alice:*:$6$salt$hash\n");
    write(root, "etc/ocserv/users/alice", "\n# comments only\n\n");
    write(root, "etc/ocserv/groups/nobody-uses-me", "");
    Import.Result result = importAndPlan(root, format);
    assertEquals(List.of(), result.problems());
    assertTrue(result.state().groups().containsKey("nobody-uses-me"));
  }

  /** Runs the real ocpasswd; the password is typed twice, as the tool asks. */
  private static void ocpasswd(Path tool, Path file, String password, String... args)
      throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of(tool.toString(), "-c", file.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write((password + "\n" + password + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException brokenPipe) {
      // ocpasswd -l/-u asks for no password and may have exited already: its exit code decides
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
  }
}
