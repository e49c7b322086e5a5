package io.ocsctl.engine.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Import folds groups' and users' restrict-user-to-* settings into firewall policies: settings
 * shared by several scopes into one named policy, a lone one into an inline block, and spellings
 * the model cannot write back byte for byte not at all; the round trip still says "No changes.".
 */
class FirewallImportTest {
  static final String CONF = "/etc/ocserv/ocserv.conf";
  static final String MAIN =
      "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\nroute = 10.0.0.0/8\n"
          + "config-per-user = /etc/ocserv/users/\nconfig-per-group = /etc/ocserv/groups/\n";

  @TempDir Path tmp;

  static void write(Path root, Map<String, String> files) throws Exception {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("etc/ocserv/ocserv.conf", MAIN);
    all.putAll(files);
    for (var e : all.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
  }

  /**
   * Imports, requires the exact round trip and a valid file, and plans the file as 'ocsctl plan'
   * does.
   */
  static Import.Result importAndPlan(Path root, Path work, ImportFormat format) throws Exception {
    Import.Result result = Import.run(root, CONF, format, "imported");
    assertTrue(
        result.exact(),
        () -> result.check().resources() + "\n" + result.check().files() + "\n" + result.text());
    assertEquals(List.of(), result.problems(), result.text());
    Path file = work.resolve("desired." + format.extension());
    ImportRoundTripTest.assertCanonical(file, result.text());
    Files.writeString(file, result.text());
    Plan plan =
        Workflow.plan(new Workflow.Target(file, root, CONF, Map.of(), work.resolve("state")))
            .plan();
    assertEquals(
        "No changes.",
        plan.summary(),
        () -> plan.resources() + " " + plan.files() + "\n" + result.text());
    return result;
  }

  private Path shared() throws Exception {
    Path root = tmp.resolve("root");
    write(
        root,
        Map.of(
            "etc/ocserv/ocpasswd", "alice:web:$6$salt$a\nbob:ops:$6$salt$b\ncarol:*:$6$salt$c\n",
            "etc/ocserv/groups/web",
                "route = 10.10.0.0/16\nrestrict-user-to-routes = true\n"
                    + "restrict-user-to-ports = \"tcp(443), udp(53)\"\n",
            "etc/ocserv/groups/ops",
                "# the operators\nrestrict-user-to-ports = tcp(443), udp(53)\n"
                    + "restrict-user-to-routes = true\nroute = 10.20.0.0/16\n",
            "etc/ocserv/users/carol", "restrict-user-to-ports = !(tcp(22))\n",
            "etc/ocserv/users/bob",
                "restrict-user-to-routes = true\nrestrict-user-to-ports = \"tcp(443), udp(53)\"\n"));
    return root;
  }

  @Test
  void sharedSettingsBecomeOneNamedPolicyAndALoneOneAnInlineBlock() throws Exception {
    Import.Result result = importAndPlan(shared(), tmp, ImportFormat.HCL);
    assertEquals(
        """
        # Imported by 'ocsctl import' from /etc/ocserv/ocserv.conf and the files it names.
        # It holds the users' password hashes: keep it as private as the ocpasswd file.
        # Review it, commit it, then 'ocsctl plan' must say "No changes."
        version = 1

        server {
          settings = {
            "auth"             = "plain[passwd=/etc/ocserv/ocpasswd]"
            "route"            = "10.0.0.0/8"
            "config-per-user"  = "/etc/ocserv/users/"
            "config-per-group" = "/etc/ocserv/groups/"
          }
        }

        firewall_policy "routes-only-tcp443-udp53" {
          restrict_to_routes = true
          allow_ports        = ["tcp(443)", "udp(53)"]
        }

        group "ops" {
          settings = {
            "route" = "10.20.0.0/16"
          }
          firewall = "routes-only-tcp443-udp53"
        }

        group "web" {
          settings = {
            "route" = "10.10.0.0/16"
          }
          firewall = "routes-only-tcp443-udp53"
        }

        user "alice" {
          groups        = ["web"]
          password_hash = "$6$salt$a"
        }

        user "bob" {
          groups        = ["ops"]
          password_hash = "$6$salt$b"
          firewall      = "routes-only-tcp443-udp53"
        }

        user "carol" {
          password_hash = "$6$salt$c"
          firewall {
            deny_ports = ["tcp(22)"]
          }
        }
        """,
        result.text());
    DesiredState state = result.state();
    assertEquals(List.of("routes-only-tcp443-udp53"), List.copyOf(state.policies().keySet()));
    assertEquals(
        Optional.of(new FirewallRef.Named("routes-only-tcp443-udp53")),
        state.groups().get("web").firewall());
    assertEquals(
        Optional.of(new FirewallRef.Inline(new Firewall(false, List.of(), List.of("tcp(22)")))),
        state.users().get("carol").firewall());
    assertEquals(Settings.EMPTY, state.users().get("carol").settings());
  }

  @Test
  void yamlWritesThePolicyUnderFirewallPolicy() throws Exception {
    Import.Result result = importAndPlan(shared(), tmp, ImportFormat.YAML);
    String text = result.text();
    assertTrue(
        text.contains(
            """
        firewall_policy:
          routes-only-tcp443-udp53:
            restrict_to_routes: true
            allow_ports: [tcp(443), udp(53)]
        group:
          ops:
            settings:
              route: 10.20.0.0/16
            firewall: routes-only-tcp443-udp53
        """),
        text);
    assertTrue(
        text.contains(
            """
          carol:
            password_hash: $6$salt$c
            firewall:
              deny_ports: [tcp(22)]
        """),
        text);
  }

  @ParameterizedTest
  @EnumSource(ImportFormat.class)
  void spellingsTheModelCannotWriteBackStayInTheSettings(ImportFormat format) throws Exception {
    Path root = tmp.resolve("root");
    String[] kept = {
      "restrict-user-to-ports = tcp(443),udp(53)\n",
      "restrict-user-to-routes = yes\n",
      "restrict-user-to-routes = false\nrestrict-user-to-ports = tcp(443)\n",
      "restrict-user-to-ports = tcp(443)\nrestrict-user-to-ports = udp(53)\n",
      "restrict-user-to-ports = !(tcp(22), )\n"
    };
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < kept.length; i++) {
      files.put("etc/ocserv/groups/g" + i, kept[i]);
      files.put("etc/ocserv/groups/h" + i, kept[i]); // shared, but still not foldable
    }
    write(root, files);
    Import.Result result = Import.run(root, CONF, format, "imported");
    assertTrue(result.exact(), result.text());
    assertEquals(Map.of(), result.state().policies());
    result
        .state()
        .groups()
        .values()
        .forEach(g -> assertEquals(Optional.empty(), g.firewall(), g.name()));
    assertEquals(
        List.of("tcp(443)", "udp(53)"),
        result.state().groups().get("g3").settings().get("restrict-user-to-ports"));
  }

  @Test
  void policyNamesAreReadFromTheirContent() {
    assertEquals("routes-only", FirewallFolding.name(new Firewall(true, List.of(), List.of())));
    assertEquals(
        "only-tcp443-udp53",
        FirewallFolding.name(new Firewall(false, List.of("tcp(443)", "udp(53)"), List.of())));
    assertEquals(
        "routes-only-tcp8443",
        FirewallFolding.name(new Firewall(true, List.of("tcp(8443)"), List.of())));
    assertEquals(
        "no-tcp22-icmp",
        FirewallFolding.name(new Firewall(false, List.of(), List.of("tcp(22)", "icmp()"))));
    assertEquals(
        "routes-no-udp1000-2000",
        FirewallFolding.name(new Firewall(true, List.of(), List.of("udp(1000-2000)"))));
    List<String> many =
        java.util.stream.IntStream.rangeClosed(1, 20)
            .mapToObj(n -> "tcp(" + (1000 + n) + ")")
            .toList();
    String hashed = FirewallFolding.name(new Firewall(false, many, List.of()));
    assertTrue(hashed.matches("firewall-[0-9a-f]{8}"), hashed);
    assertEquals(
        hashed, FirewallFolding.name(new Firewall(false, many, List.of())), "deterministic");
  }

  @Test
  void onlyExactSpellingsFold() {
    assertEquals(
        Optional.of(new Firewall(true, List.of("tcp(443)"), List.of())),
        FirewallFolding.firewall(
            new Settings(
                Map.of(
                    "restrict-user-to-routes",
                    List.of("true"),
                    "restrict-user-to-ports",
                    List.of("tcp(443)")))));
    assertEquals(
        Optional.of(new Firewall(false, List.of(), List.of("tcp(22)", "icmp()"))),
        FirewallFolding.firewall(
            new Settings(Map.of("restrict-user-to-ports", List.of("!(tcp(22), icmp())")))));
    for (String ports :
        List.of(
            "tcp(443),udp(53)",
            "tcp(443),  udp(53)",
            "!(tcp(22)) ",
            "! (tcp(22))",
            "!()",
            "",
            "tcp(443) udp(53)",
            "TCP(443)",
            "tcp(99999)",
            "tcp(443), ")) {
      assertFalse(
          FirewallFolding.firewall(new Settings(Map.of("restrict-user-to-ports", List.of(ports))))
              .isPresent(),
          ports);
    }
    assertFalse(
        FirewallFolding.firewall(new Settings(Map.of("restrict-user-to-routes", List.of("TRUE"))))
            .isPresent());
    assertFalse(
        FirewallFolding.firewall(new Settings(Map.of("route", List.of("10.0.0.0/8")))).isPresent());
  }
}
