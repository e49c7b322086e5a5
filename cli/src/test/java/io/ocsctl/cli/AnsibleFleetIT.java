package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ocsctl.cli.live.OcservHarness;
import io.ocsctl.providers.ocserv.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The proof of issue #22 with the real tools: three hosts on this machine, each a network namespace
 * with its own sshd on its own address and its own root directory; the canary (eu-1) runs a real
 * ocserv (in a mount namespace where its root's /etc/ocserv is /etc/ocserv). Ansible runs in a
 * fourth namespace joined to each host by a veth pair, so the machine's own interfaces are never
 * touched. The hosts run ocsctl from the repository's launcher (the built jar), not the .deb.
 *
 * <p>{@code --check --diff} plans every host and changes nothing; the real run applies canary first
 * and reloads the running ocserv; a second run changes nothing; a canary whose state fails {@code
 * ocserv -t} stops the rollout with every host's files untouched.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class AnsibleFleetIT {
  private static final String HASH =
      "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/";
  private static final List<String> HOSTS = List.of("eu-1", "us-1", "staging");
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private final String tag =
      HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
  private final String controller = "ocf" + tag + "c";
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> started = new ArrayList<>();
  private Path base;
  private boolean madePrivsepDir;
  private Process ocserv;

  @Test
  void theFleetRollsOutCanaryFirstAndStopsAtTheFirstFailedHost() throws Exception {
    requireTools();
    base = Files.createTempDirectory("ocsctl-fleet-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    int port = 20000 + ThreadLocalRandom.current().nextInt(40000);
    Path fleet = fleet(port);
    certificate();
    network();
    for (int i = 0; i < HOSTS.size(); i++) {
      Path root = root(HOSTS.get(i));
      Files.createDirectories(root.resolve("etc/ocserv/run"));
      Files.copy(base.resolve("cert.pem"), root.resolve("etc/ocserv/server-cert.pem"));
      Files.copy(base.resolve("key.pem"), root.resolve("etc/ocserv/server-key.pem"));
      Cli.Run boot =
          Cli.run(
              "apply",
              "-f",
              fleet.toString(),
              "-host",
              HOSTS.get(i),
              "--root",
              root.toString(),
              "-auto-approve");
      assertEquals(0, boot.exitCode(), boot.out() + boot.err());
      sshd(i);
    }
    startOcserv(root("eu-1"));
    long pid = ocserv.pid();
    Path inventory = inventory();

    // the fleet changes: a new shared user everywhere, and eu-1's max-clients
    Files.writeString(
        fleet.resolve("shared/users.hcl"),
        "user \"carol\" {\n  groups = [\"eng\"]\n  password_hash = \"" + HASH + "\"\n}\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(
        fleet.resolve("hosts/eu-1.hcl"),
        Files.readString(fleet.resolve("hosts/eu-1.hcl"))
            .replace("\"max-clients\" = 16", "\"max-clients\" = 20"));

    Map<String, Map<String, String>> before = trees();
    String check = playbook(inventory, 0, "--check", "--diff");
    assertEquals(before, trees(), "--check changes nothing:\n" + check);
    for (String host : HOSTS) {
      assertFalse(Files.exists(root(host).resolve("etc/ocsctl/desired.hcl")), host);
      assertTrue(check.contains("changed: [" + host + "]"), check);
    }
    assertTrue(check.contains("+max-clients = 20"), "the plan's file diffs:\n" + check);
    assertTrue(check.contains("+carol:eng:(sensitive)"), check);
    assertFalse(check.contains(HASH.substring(0, 20)), "no hash in the output");

    String apply = playbook(inventory, 0, "-v");
    assertFalse(apply.contains(HASH.substring(0, 20)), "no hash in the output");
    List<String> batches = List.of(apply.split("PLAY \\[", -1));
    assertEquals(3, batches.size(), "two batches (the second ends with the recap):\n" + apply);
    assertTrue(batches.get(1).contains("changed: [eu-1]"), "the canary first:\n" + apply);
    assertFalse(batches.get(1).contains("[us-1]") || batches.get(1).contains("[staging]"), apply);
    assertTrue(
        batches.get(2).contains("changed: [us-1]") && batches.get(2).contains("changed: [staging]"),
        apply);
    assertTrue(apply.contains("occtl reload"), "the running ocserv is reloaded:\n" + apply);
    assertTrue(ocserv.isAlive() && ocserv.pid() == pid, "reloaded, not restarted");
    for (String host : HOSTS) {
      assertTrue(
          Files.readString(root(host).resolve("etc/ocserv/ocpasswd")).contains("carol:eng:"), host);
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(root(host).resolve("etc/ocsctl/desired.hcl"))));
    }
    assertTrue(
        Files.readString(root("eu-1").resolve("etc/ocserv/ocserv.conf"))
            .contains("max-clients = 20"));
    // the running server took the new config: occtl reports the reload in its status
    Processes.Result status = occtl(root("eu-1"), "show", "status");
    assertTrue(status.ok(), status.stderr());

    String again = playbook(inventory, 0);
    for (String host : HOSTS) {
      assertTrue(again.matches("(?s).*" + host + "\\s+: ok=\\d+\\s+changed=0 .*"), again);
      Cli.Run plan =
          Cli.run("plan", "-f", fleet.toString(), "-host", host, "--root", root(host).toString());
      assertTrue(plan.out().contains("No changes."), plan.out() + plan.err());
    }

    // a canary whose state ocserv -t refuses stops the rollout; no host's files change
    // (tls-priorities: re-read on reload, not checked by ocsctl, refused by GnuTLS in ocserv -t)
    Files.writeString(
        fleet.resolve("hosts/eu-1.hcl"),
        Files.readString(fleet.resolve("hosts/eu-1.hcl"))
            .replace(
                "\"max-clients\" = 20",
                "\"max-clients\" = 21\n    \"tls-priorities\" = \"NORMAL:BOGUS-PRIORITY\""));
    Files.writeString(
        fleet.resolve("shared/users.hcl"),
        "user \"dave\" {\n  groups = [\"eng\"]\n  password_hash = \"" + HASH + "\"\n}\n",
        java.nio.file.StandardOpenOption.APPEND);
    Map<String, Map<String, String>> unchanged = trees();
    Map<String, String> others = new LinkedHashMap<>();
    for (String host : List.of("us-1", "staging")) {
      others.put(host, Files.readString(root(host).resolve("etc/ocsctl/desired.hcl")));
    }
    String failed = playbook(inventory, 2, "-v");
    assertTrue(failed.contains("fatal: [eu-1]"), failed);
    assertTrue(failed.contains("ocsctl apply failed") && failed.contains("GnuTLS"), failed);
    assertFalse(
        failed.contains("[us-1]") || failed.contains("[staging]"), "never reached:\n" + failed);
    assertEquals(unchanged, trees(), "no server file changed on any host");
    for (String host : others.keySet()) {
      assertEquals(
          others.get(host), Files.readString(root(host).resolve("etc/ocsctl/desired.hcl")));
    }
    assertTrue(ocserv.isAlive() && ocserv.pid() == pid, "the canary's server still runs");
  }

  private Path root(String host) {
    return base.resolve("roots").resolve(host);
  }

  /** The server files of every host (etc/ocserv: what ocserv reads), by host. */
  private Map<String, Map<String, String>> trees() throws IOException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (String host : HOSTS) {
      out.put(host, Trees.snapshot(root(host).resolve("etc/ocserv")));
    }
    return out;
  }

  private Path fleet(int port) throws IOException {
    Path fleet = base.resolve("fleet");
    Files.createDirectories(fleet.resolve("shared"));
    Files.createDirectories(fleet.resolve("hosts"));
    StringBuilder hosts = new StringBuilder();
    for (String host : HOSTS) {
      hosts.append("host \"").append(host).append("\" {\n  files = [\"shared\"]\n}\n\n");
    }
    Files.writeString(fleet.resolve("fleet.hcl"), hosts.toString());
    Files.writeString(
        fleet.resolve("shared/server.hcl"),
        """
        server {
          settings = {
            "auth"              = "plain[passwd=/etc/ocserv/ocpasswd]"
            "tcp-port"          = 443
            "udp-port"          = 443
            "run-as-user"       = "nobody"
            "run-as-group"      = "nogroup"
            "socket-file"       = "/etc/ocserv/run/ocserv.sock"
            "occtl-socket-file" = "/etc/ocserv/run/occtl.sock"
            "pid-file"          = "/etc/ocserv/run/ocserv.pid"
            "server-cert"       = "/etc/ocserv/server-cert.pem"
            "server-key"        = "/etc/ocserv/server-key.pem"
            "isolate-workers"   = false
            "use-occtl"         = true
            "device"            = "vpns"
            "max-clients"       = 16
            "keepalive"         = 32400
            "dpd"               = 90
            "try-mtu-discovery" = false
            "cookie-timeout"    = 300
            "ipv4-network"      = "10.99.0.0/24"
            "route"             = ["10.98.0.0/16"]
            "config-per-group"  = "/etc/ocserv/config-per-group/"
          }
        }
        """);
    Files.writeString(
        fleet.resolve("shared/users.hcl"),
        "group \"eng\" {\n  settings = { \"route\" = [\"10.97.0.0/16\"] }\n}\n"
            + "user \"alice\" {\n  groups = [\"eng\"]\n  password_hash = \""
            + HASH
            + "\"\n}\n");
    Files.writeString(
        fleet.resolve("hosts/eu-1.hcl"),
        "server {\n  settings = {\n    \"tcp-port\" = "
            + port
            + "\n    \"udp-port\" = "
            + port
            + "\n    \"max-clients\" = 16\n    \"ipv4-network\" = \"10.99.1.0/24\"\n  }\n}\n");
    Files.writeString(
        fleet.resolve("hosts/us-1.hcl"),
        "server {\n  settings = { \"ipv4-network\" = \"10.99.2.0/24\" }\n}\n");
    Files.writeString(
        fleet.resolve("hosts/staging.hcl"),
        "server {\n  settings = { \"ipv4-network\" = \"10.99.3.0/24\" }\n}\n");
    return fleet;
  }

  private void certificate() throws Exception {
    run(
        List.of(
            "certtool",
            "--generate-privkey",
            "--key-type=ecdsa",
            "--outfile",
            base.resolve("key.pem").toString()));
    Path template = base.resolve("cert.tmpl");
    Files.writeString(
        template,
        "cn = \"vpn.example.com\"\nexpiration_days = 7\nsigning_key\n"
            + "encryption_key\ntls_www_server\n");
    run(
        List.of(
            "certtool",
            "--generate-self-signed",
            "--load-privkey",
            base.resolve("key.pem").toString(),
            "--template",
            template.toString(),
            "--outfile",
            base.resolve("cert.pem").toString()));
  }

  /** The controller namespace and one per host, joined by veth pairs: 198.18.N.1 to 198.18.N.2. */
  private void network() throws IOException {
    netns(controller);
    for (int i = 0; i < HOSTS.size(); i++) {
      String ns = "ocf" + tag + "h" + i;
      netns(ns);
      String c = "ocf" + tag + "c" + i;
      String h = "ocf" + tag + "h" + i;
      run(
          List.of(
              "ip",
              "-n",
              controller,
              "link",
              "add",
              c,
              "type",
              "veth",
              "peer",
              "name",
              h,
              "netns",
              ns));
      run(List.of("ip", "-n", controller, "addr", "add", "198.18." + i + ".1/24", "dev", c));
      run(List.of("ip", "-n", controller, "link", "set", c, "up"));
      run(List.of("ip", "-n", ns, "addr", "add", "198.18." + i + ".2/24", "dev", h));
      run(List.of("ip", "-n", ns, "link", "set", h, "up"));
    }
  }

  private void netns(String name) throws IOException {
    Processes.Result r = Processes.run(List.of("ip", "netns", "add", name), Duration.ofSeconds(10));
    if (!r.ok()) {
      skip("cannot create a network namespace (" + r.stderr().strip() + ")");
    }
    namespaces.add(name);
    run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
  }

  /** sshd for host {@code i} in its namespace, on its address, with its own keys. */
  private void sshd(int i) throws Exception {
    Path dir = base.resolve("ssh");
    Files.createDirectories(dir);
    if (!Files.exists(dir.resolve("id"))) {
      run(
          List.of(
              "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id").toString()));
      Files.copy(dir.resolve("id.pub"), dir.resolve("authorized_keys"));
      Path privsep = Path.of("/run/sshd"); // sshd's privilege separation directory
      if (!Files.isDirectory(privsep)) {
        Files.createDirectories(privsep);
        madePrivsepDir = true;
      }
    }
    Path key = dir.resolve("host" + i);
    run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
    Path config = dir.resolve("sshd" + i + ".conf");
    Files.writeString(
        config,
        "ListenAddress 198.18."
            + i
            + ".2\nPort 22\nHostKey "
            + key
            + "\nPidFile "
            + dir.resolve("sshd" + i + ".pid")
            + "\nAuthorizedKeysFile "
            + dir.resolve("authorized_keys")
            + "\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n"
            + "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n"
            + "Subsystem sftp /usr/lib/openssh/sftp-server\n");
    Path log = dir.resolve("sshd" + i + ".log");
    Process p =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                "ocf" + tag + "h" + i,
                "/usr/sbin/sshd",
                "-D",
                "-e",
                "-f",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    started.add(p);
    if (!OcservHarness.waitFor(
        Duration.ofSeconds(10), () -> !p.isAlive() || read(log).contains("Server listening"))) {
      fail("sshd did not start: " + read(log));
    }
    assertTrue(p.isAlive(), read(log));
  }

  /** ocserv for the canary, in its namespace, seeing its root's /etc/ocserv as /etc/ocserv. */
  private void startOcserv(Path root) throws Exception {
    Path log = base.resolve("ocserv.log");
    Files.setPosixFilePermissions(
        root.resolve("etc/ocserv/run"), PosixFilePermissions.fromString("rwxr-xr-x"));
    ocserv =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                "ocf" + tag + "h0",
                "unshare",
                "-m",
                "--propagation",
                "private",
                "sh",
                "-c",
                "mount --bind \"$0\" /etc/ocserv && exec ocserv -f -c /etc/ocserv/ocserv.conf",
                root.resolve("etc/ocserv").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    started.add(ocserv);
    if (!OcservHarness.waitFor(
        Duration.ofSeconds(15), () -> !ocserv.isAlive() || occtlAnswers(root))) {
      fail("ocserv did not answer occtl: " + read(log));
    }
    assertTrue(ocserv.isAlive(), "ocserv exited: " + read(log));
  }

  private boolean occtlAnswers(Path root) {
    try {
      return occtl(root, "show", "status").ok();
    } catch (IOException e) {
      return false;
    }
  }

  private static Processes.Result occtl(Path root, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of("occtl", "-s", root.resolve("etc/ocserv/run/occtl.sock").toString()));
    command.addAll(List.of(args));
    return Processes.run(command, Duration.ofSeconds(10));
  }

  private Path inventory() throws IOException {
    StringBuilder inv = new StringBuilder("ocsctl_fleet:\n  hosts:\n");
    for (int i = 0; i < HOSTS.size(); i++) {
      inv.append("    ")
          .append(HOSTS.get(i))
          .append(":\n")
          .append("      ansible_host: 198.18.")
          .append(i)
          .append(".2\n")
          .append("      ocsctl_fleet_host: ")
          .append(HOSTS.get(i))
          .append('\n')
          .append("      ocsctl_root: ")
          .append(root(HOSTS.get(i)))
          .append('\n');
    }
    inv.append("  vars:\n")
        .append("    ansible_user: root\n")
        .append("    ansible_ssh_private_key_file: ")
        .append(base.resolve("ssh/id"))
        .append('\n')
        .append("    ansible_python_interpreter: /usr/bin/python3\n")
        .append("    ansible_remote_tmp: ")
        .append(base.resolve("remote-tmp"))
        .append('\n')
        .append("    ocsctl_fleet: ")
        .append(base.resolve("fleet"))
        .append('\n')
        .append("    ocsctl_command: ")
        .append(REPO.resolve("ocsctl"))
        .append('\n')
        .append("    ocsctl_controller_command: ")
        .append(REPO.resolve("ocsctl"))
        .append('\n')
        .append("    ocsctl_render_dir: ")
        .append(base.resolve("rendered"))
        .append('\n');
    Path file = base.resolve("inventory.yml");
    Files.writeString(file, inv.toString());
    return file;
  }

  /** ansible-playbook in the controller namespace; its output, after checking its exit code. */
  private String playbook(Path inventory, int exit, String... extra) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                controller,
                "ansible-playbook",
                "-i",
                inventory.toString(),
                REPO.resolve("ansible/site.yml").toString()));
    command.addAll(List.of(extra));
    Path out = Files.createTempFile(base, "ansible-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    Map<String, String> env = pb.environment();
    env.put("ANSIBLE_HOME", base.resolve("ansible-home").toString());
    env.put("ANSIBLE_HOST_KEY_CHECKING", "False");
    env.put("ANSIBLE_NOCOLOR", "1");
    env.put("ANSIBLE_RETRY_FILES_ENABLED", "False");
    // no ControlPersist master left running after the playbook
    env.put("ANSIBLE_SSH_ARGS", "-o ControlMaster=no -o UserKnownHostsFile=/dev/null");
    env.remove("CI"); // the launcher's environment is the hosts' business, not the test's
    Process p = pb.start();
    started.add(p);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("ansible-playbook took over 300 s:\n" + read(out));
    }
    String text = read(out);
    assertEquals(exit, p.exitValue(), String.join(" ", extra) + ":\n" + text);
    return text;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static void run(List<String> command) throws IOException {
    Processes.Result r = Processes.run(command, Duration.ofSeconds(60));
    if (!r.ok()) {
      fail(String.join(" ", command) + " failed: " + r.stderr() + r.stdout());
    }
  }

  private static void requireTools() throws IOException {
    OcservHarness.requireEnvironment();
    for (String tool : List.of("ansible-playbook", "sshd", "ssh", "ssh-keygen", "unshare")) {
      if (Processes.find(tool).isEmpty()) {
        skip(tool + " is not installed (Debian: apt-get install ansible-core openssh-server)");
      }
    }
    if (!Files.isRegularFile(REPO.resolve("cli/target/ocsctl.jar"))) {
      skip("cli/target/ocsctl.jar is missing: run mvn package first");
    }
  }

  private static void skip(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + ", and CI=true, so this test may not be skipped");
    }
    Assumptions.abort(reason);
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
        }
      }
    }
    for (String ns : namespaces) {
      // anything still in one of our namespaces was started by this test (ocserv's workers)
      Processes.Result pids =
          Processes.run(List.of("ip", "netns", "pids", ns), Duration.ofSeconds(5));
      for (String pid : pids.stdout().split("\\s+")) {
        if (pid.matches("[0-9]+")) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
      Processes.run(List.of("ip", "netns", "del", ns), Duration.ofSeconds(10));
    }
    if (madePrivsepDir) {
      Files.deleteIfExists(Path.of("/run/sshd"));
    }
    if (base != null) {
      try (Stream<Path> all = Files.walk(base)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
