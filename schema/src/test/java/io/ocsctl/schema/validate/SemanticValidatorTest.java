package io.ocsctl.schema.validate;

import static io.ocsctl.schema.Fixtures.errors;
import static io.ocsctl.schema.Fixtures.hashed;
import static io.ocsctl.schema.Fixtures.server;
import static io.ocsctl.schema.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemanticValidatorTest {
  @TempDir Path dir;

  private List<String> check(String... parts) throws IOException {
    return errors(dir, String.join("\n", parts));
  }

  @Test
  void validStateHasNoErrors() throws IOException {
    assertEquals(
        List.of(),
        check(
            server("\"ipv4-network\" = \"10.0.0.0/24\"", "\"route\" = [\"10.1.0.0/16\"]"),
            "group \"eng\" {\n  settings = { \"ipv4-network\" = \"10.0.1.0/24\" }\n}\n",
            hashed("alice", "groups = [\"eng\"]")));
  }

  @Test
  void overlappingGroupNetworks() throws IOException {
    assertEquals(
        List.of(
            "ipv4-network \"10.1.2.0/24\" of group \"ops\" overlaps \"10.1.0.0/16\" of group \"eng\" (line 8)"),
        check(
            server(),
            "group \"eng\" {\n  settings = { \"ipv4-network\" = \"10.1.0.0/16\" }\n}\n",
            "group \"ops\" {\n  settings = { \"ipv4-network\" = \"10.1.2.0/24\" }\n}\n"));
  }

  @Test
  void netmaskInTheSameScopeOrTheServers() throws IOException {
    // the group's bare network takes its own netmask: 10.2.0.0/255.255.0.0 holds the user's
    // 10.2.3.0/24
    assertEquals(
        List.of(
            "ipv4-network \"10.2.3.0/24\" of user \"alice\" overlaps \"10.2.0.0/255.255.0.0\" of group"
                + " \"eng\" (line 8)"),
        check(
            server(),
            "group \"eng\" {\n  settings = { \"ipv4-network\" = \"10.2.0.0\", \"ipv4-netmask\" = \"255.255.0.0\" }\n}\n",
            hashed("alice", "settings = { \"ipv4-network\" = \"10.2.3.0/24\" }")));
    // without one, the server's netmask applies: 10.3.0.0/255.255.255.0 and 10.3.1.0/24 are apart
    assertEquals(
        List.of(),
        check(
            server("\"ipv4-netmask\" = \"255.255.255.0\"", "\"ipv4-network\" = \"10.9.0.0\""),
            "group \"eng\" {\n  settings = { \"ipv4-network\" = \"10.3.0.0\" }\n}\n",
            "group \"ops\" {\n  settings = { \"ipv4-network\" = \"10.3.1.0/24\" }\n}\n"));
  }

  @Test
  void vhostPoolOverlappingTheServers() throws IOException {
    assertEquals(
        1,
        check(
                server("\"ipv4-network\" = \"192.168.0.0/16\""),
                "vhost \"vpn2.example.com\" {\n  settings = { \"ipv4-network\" = \"192.168.5.0/24\" }\n}\n")
            .size());
  }

  @Test
  void plainAuthPasswdFile() throws IOException {
    assertEquals(
        List.of(
            "the passwd file of plain authentication in the server settings is a relative path:"
                + " \"ocpasswd\""),
        check("server {\n  settings = { \"auth\" = \"plain[passwd=ocpasswd]\" }\n}\n"));
    assertEquals(
        List.of("plain authentication in the server settings names no passwd file"),
        check("server {\n  settings = { \"auth\" = \"plain\" }\n}\n"));
    assertEquals(
        List.of(),
        check(
            "server {\n  settings = { \"auth\" = \"certificate\","
                + " \"enable-auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\" }\n}\n",
            hashed("alice")));
  }

  @Test
  void passwordsNeedPlainAuth() throws IOException {
    String certificate = "server {\n  settings = { \"auth\" = \"certificate\" }\n}\n";
    assertEquals(List.of(), check(certificate, user("alice"), user("bob", "locked = true")));
    assertEquals(
        List.of(
            "user \"alice\" has a password, but no auth method of the server is plain (and 2 more"
                + " users): ocserv would never read it"),
        check(
            certificate,
            hashed("alice"),
            hashed("bob"),
            user("carol", "password = { env = \"PW\" }")));
  }

  @Test
  void usersNeedPasswordsUnderPlainAuth() throws IOException {
    assertEquals(
        List.of("user \"bob\" has no password, and the server authenticates with plain passwords"),
        check(server(), hashed("alice"), user("bob")));
  }

  @Test
  void aRejectedPasswordIsNotAlsoAMissingOne() throws IOException {
    assertEquals(
        List.of("\"password_hash\" in user \"bob\" must be a string, not the number 5"),
        check(server(), user("bob", "password_hash = 5")));
  }

  @Test
  void repeatedAndUndeclaredGroups() throws IOException {
    assertEquals(
        List.of(
            "user \"alice\" lists group \"eng\" twice",
            "user \"alice\" is in group \"ops\", which is not declared"),
        check(
            server(),
            "group \"eng\" {}\n",
            hashed("alice", "groups = [\"eng\", \"eng\", \"ops\"]")));
  }

  @Test
  void restrictToRoutesWithoutRoutes() throws IOException {
    String policy = "firewall_policy \"routes-only\" {\n  restrict_to_routes = true\n}\n";
    String group = "group \"g\" {\n  firewall = \"routes-only\"\n}\n";
    assertEquals(
        List.of(
            "group \"g\" restricts its users to their routes, but no route applies to them: a user who"
                + " could reach nothing"),
        check(server(), policy, group));
    assertEquals(List.of(), check(server("\"route\" = [\"10.0.0.0/8\"]"), policy, group));
    assertEquals(
        List.of(),
        check(
            server(),
            policy,
            "group \"g\" {\n  firewall = \"routes-only\"\n  settings = { \"route\" = [\"10.0.0.0/8\"] }\n}\n"));
    assertEquals(
        List.of(),
        check(
            server(),
            policy,
            "group \"eng\" {\n  settings = { \"route\" = [\"10.0.0.0/8\"] }\n}\n",
            hashed("alice", "groups = [\"eng\"]", "firewall = \"routes-only\"")));
    assertEquals(
        List.of(
            "user \"bob\" restricts its users to their routes, but no route applies to them: a user who"
                + " could reach nothing"),
        check(server(), hashed("bob", "settings = { \"restrict-user-to-routes\" = true }")));
    assertEquals(
        List.of(
            "the server restricts its users to their routes, but no route applies to them: a user who"
                + " could reach nothing"),
        check(server("\"restrict-user-to-routes\" = true")));
  }

  @Test
  void allowAndDenyPorts() throws IOException {
    assertEquals(
        List.of("allow_ports and deny_ports are both set in firewall_policy \"p\""),
        check(
            server(),
            "firewall_policy \"p\" {\n  allow_ports = [\"tcp(443)\"]\n  deny_ports = [\"tcp(22)\"]\n}\n"));
  }

  @Test
  void vhostUsersNeedTheirVhostsOwnPasswdFile() throws IOException {
    String own =
        "vhost \"vpn2.example.com\" {\n  settings = { \"auth\" = \"plain[passwd=/etc/ocserv/vhost2.passwd]\" }\n}\n";
    String shared =
        "vhost \"vpn3.example.com\" {\n  settings = { \"auth\" = \"plain[/etc/ocserv/ocpasswd]\" }\n}\n";
    assertEquals(List.of(), check(server(), own, hashed("bob", "vhost = \"vpn2.example.com\"")));
    assertEquals(
        List.of("user \"bob\" is in vhost \"vpn9.example.com\", which is not declared"),
        check(server(), own, hashed("bob", "vhost = \"vpn9.example.com\"")));
    assertEquals(
        List.of(
            "user \"bob\" is in vhost \"vpn3.example.com\", but that vhost has no passwd file of its own"
                + " (its plain auth names none, or the server's)"),
        check(server(), shared, hashed("bob", "vhost = \"vpn3.example.com\"")));
    assertEquals(
        List.of(
            "user \"bob\" of vhost \"vpn2.example.com\" has settings or a firewall: ocsctl writes"
                + " config-per-user files for the server's users only"),
        check(
            server(),
            own,
            hashed(
                "bob",
                "vhost = \"vpn2.example.com\"",
                "settings = { \"route\" = [\"10.0.0.0/8\"] }")));
  }
}
