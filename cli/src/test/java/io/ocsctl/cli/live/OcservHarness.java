package io.ocsctl.cli.live;

import static org.junit.jupiter.api.Assertions.fail;

import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.ocserv.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real ocserv for tests, run as root inside a network namespace of its own so that the host's
 * interfaces and firewall are never touched. It writes a config under a temporary directory (its
 * own socket-file, occtl-socket-file and pid-file, random high ports, a self-signed certificate
 * made with certtool, {@code isolate-workers = false}, {@code use-occtl = true}), lets {@code
 * ocsctl apply} write the ocpasswd file from a desired state naming the same settings, starts
 * {@code ocserv -f -c FILE} in the namespace and waits until occtl answers. {@link #close} stops
 * the clients and the server it started, by their pids, and deletes the namespace and the
 * directory.
 *
 * <p>When the machine cannot run it (not root, a tool missing, no network namespaces) the test is
 * skipped with the reason, except with {@code CI=true}, where that fails the test.
 *
 * <p>ocsctl runs with {@code --root /} and {@code --config DIR/ocserv.conf}: ocserv, running on
 * this host, must find the files at the paths the config names.
 */
public final class OcservHarness implements AutoCloseable {
  public static final List<String> TOOLS =
      List.of("ip", "ocserv", "occtl", "ocpasswd", "openconnect", "certtool");

  /** The server's and the remote client's addresses on the link {@link #linkRemoteClient} makes. */
  public static final String LINK_SERVER_IP = "192.0.2.1";

  public static final String REMOTE_CLIENT_IP = "192.0.2.10";

  private final String netns;
  private final Path dir;
  private final int port;
  private final Map<String, String> baseSettings;
  private final List<VpnClient> clients = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private String pin;
  private Process server;
  private int logs;
  private String clientNetns;

  private OcservHarness(String netns, Path dir, int port, Map<String, String> settings) {
    this.netns = netns;
    this.dir = dir;
    this.port = port;
    this.baseSettings = settings;
  }

  /**
   * The desired state the harness applies: the server's settings, groups (declared empty or with
   * settings) and users with their passwords, groups, lock and per-user settings.
   */
  public static final class Desired {
    final Map<String, String> settings = new LinkedHashMap<>();
    final Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    final Map<String, String> users = new LinkedHashMap<>();
    final Map<String, List<String>> memberships = new LinkedHashMap<>();
    final Map<String, Map<String, String>> userSettings = new LinkedHashMap<>();
    final Set<String> locked = new LinkedHashSet<>();
    String onUserRemoval;
    final List<String> banAllowlist = new ArrayList<>();
    String canary;
    final Map<String, Map<String, String>> userAttributes = new LinkedHashMap<>();

    /** A user attribute written as it is, e.g. {@code quota} = {@code "5GiB/month"} (HCL). */
    public Desired attribute(String name, String key, String hclValue) {
      userAttributes.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(key, hclValue);
      return this;
    }

    public Desired setting(String key, String value) {
      settings.put(key, value);
      return this;
    }

    public Desired group(String name, Map<String, String> groupSettings) {
      groups.put(name, new LinkedHashMap<>(groupSettings));
      return this;
    }

    public Desired user(String name, String password, String... groupNames) {
      users.put(name, password);
      memberships.put(name, List.of(groupNames));
      locked.remove(name);
      return this;
    }

    public Desired userSetting(String name, String key, String value) {
      userSettings.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    /** {@code server { on_user_removal = POLICY }}; null leaves it out. */
    public Desired onUserRemoval(String policy) {
      onUserRemoval = policy;
      return this;
    }

    /** {@code server { ban_allowlist = [...] }}; nothing leaves it out. */
    public Desired banAllowlist(String... entries) {
      banAllowlist.clear();
      banAllowlist.addAll(List.of(entries));
      return this;
    }

    /**
     * A {@code canary} block logging in as {@code user} (a declared user) with {@code password},
     * the harness's certificate pin and these expectations; the password comes from the variable
     * {@code OCSCTL_TEST_CANARY_PW}, set by {@link OcservHarness#write}.
     */
    public Desired canary(String user, String password, List<String> routes, List<String> dns) {
      canary =
          user + "\0" + password + "\0" + String.join(",", routes) + "\0" + String.join(",", dns);
      return this;
    }

    public Desired lock(String name) {
      locked.add(name);
      return this;
    }

    public Desired remove(String name) {
      users.remove(name);
      memberships.remove(name);
      userSettings.remove(name);
      locked.remove(name);
      return this;
    }
  }

  /** Starts a server with these users (name to password) and extra ocserv settings. */
  public static OcservHarness start(Map<String, String> users, Map<String, String> extraSettings)
      throws Exception {
    requireEnvironment();
    String netns =
        "ocsctl-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    Processes.Result created =
        Processes.run(List.of("ip", "netns", "add", netns), Duration.ofSeconds(10));
    if (!created.ok()) {
      skip("cannot create a network namespace (" + created.stderr().strip() + ")");
    }
    Path dir = Files.createTempDirectory("ocsctl-live-");
    int port = 20000 + ThreadLocalRandom.current().nextInt(40000);
    Map<String, String> settings = settings(dir, port);
    settings.putAll(extraSettings);
    OcservHarness h = new OcservHarness(netns, dir, port, settings);
    try {
      h.prepare(users);
      return h;
    } catch (Exception | Error e) {
      h.close();
      throw e;
    }
  }

  private static Map<String, String> settings(Path dir, int port) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("auth", "plain[passwd=" + dir.resolve("ocpasswd") + "]");
    s.put("tcp-port", String.valueOf(port));
    s.put("udp-port", String.valueOf(port));
    s.put("run-as-user", "nobody");
    s.put("run-as-group", "nogroup");
    s.put("socket-file", dir.resolve("run/ocserv.sock").toString());
    s.put("occtl-socket-file", dir.resolve("run/occtl.sock").toString());
    s.put("pid-file", dir.resolve("run/ocserv.pid").toString());
    s.put("server-cert", dir.resolve("cert.pem").toString());
    s.put("server-key", dir.resolve("key.pem").toString());
    s.put("isolate-workers", "false");
    s.put("use-occtl", "true");
    s.put("device", "vpns");
    s.put("ipv4-network", "10.99.0.0/24");
    s.put("dns", "10.99.0.1");
    s.put("route", "10.98.0.0/16");
    s.put("max-clients", "16");
    s.put("max-same-clients", "4");
    s.put("keepalive", "32400");
    s.put("dpd", "90");
    s.put("try-mtu-discovery", "false");
    s.put("cookie-timeout", "300");
    s.put("config-per-user", dir.resolve("config-per-user") + "/");
    s.put("config-per-group", dir.resolve("config-per-group") + "/");
    return s;
  }

  private void prepare(Map<String, String> users) throws Exception {
    Files.setPosixFilePermissions(
        dir, PosixFilePermissions.fromString("rwxr-xr-x")); // workers run as nobody
    Files.createDirectories(dir.resolve("run"));
    exec(List.of("ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up"));
    certificate();
    StringBuilder conf = new StringBuilder("# written by OcservHarness\n");
    baseSettings.forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
    Files.writeString(config(), conf.toString(), StandardCharsets.UTF_8);
    Desired desired = desired();
    users.forEach(desired::user);
    LiveCli.Run apply = apply(desired);
    if (apply.exitCode() != 0) {
      fail("ocsctl apply could not write the test server's files:\n" + apply.all());
    }
    startServer();
  }

  private void certificate() throws Exception {
    exec(
        List.of(
            "certtool",
            "--generate-privkey",
            "--key-type=ecdsa",
            "--outfile",
            dir.resolve("key.pem").toString()));
    Path template = dir.resolve("cert.tmpl");
    Files.writeString(
        template,
        "cn = \"127.0.0.1\"\nexpiration_days = 7\nsigning_key\nencryption_key\n"
            + "tls_www_server\nip_address = \"127.0.0.1\"\n");
    exec(
        List.of(
            "certtool",
            "--generate-self-signed",
            "--load-privkey",
            dir.resolve("key.pem").toString(),
            "--template",
            template.toString(),
            "--outfile",
            dir.resolve("cert.pem").toString()));
    try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] spki = cert.getPublicKey().getEncoded();
      pin = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
    }
  }

  /** Starts {@code ocserv -f -c FILE} in the namespace and waits until occtl answers. */
  public void startServer() throws Exception {
    Path log = dir.resolve("ocserv.log");
    server =
        new ProcessBuilder("ip", "netns", "exec", netns, "ocserv", "-f", "-c", config().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Occtl occtl = occtl();
    if (!waitFor(Duration.ofSeconds(15), () -> !server.isAlive() || occtl.answers())) {
      String why;
      try {
        why = "occtl answered: " + occtl.status();
      } catch (OcctlException e) {
        why = e.getMessage();
      }
      fail(
          "ocserv did not answer occtl within 15 s ("
              + why
              + "); its log:\n"
              + Files.readString(log));
    }
    if (!server.isAlive()) {
      fail(
          "ocserv exited at start (exit code "
              + server.exitValue()
              + "); its log:\n"
              + Files.readString(log));
    }
  }

  /** Stops the server by its pid (SIGTERM, then SIGKILL) and waits for it. */
  public void stopServer() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
        server.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The desired state matching the running config, without users: add them with {@link
   * Desired#user}.
   */
  public Desired desired() {
    Desired d = new Desired();
    d.settings.putAll(baseSettings);
    return d;
  }

  /**
   * Writes {@code desired} to DIR/desired.hcl (passwords by environment variable) and returns its
   * path.
   */
  public Path write(Desired desired) throws IOException {
    StringBuilder hcl = new StringBuilder("version = 1\n\nserver {\n");
    settingsBlock(hcl, desired.settings);
    if (desired.onUserRemoval != null) {
      hcl.append("  on_user_removal = ").append(hclValue(desired.onUserRemoval)).append('\n');
    }
    if (!desired.banAllowlist.isEmpty()) {
      hcl.append("  ban_allowlist = [")
          .append(
              String.join(
                  ", ", desired.banAllowlist.stream().map(OcservHarness::hclValue).toList()))
          .append("]\n");
    }
    hcl.append("}\n");
    desired.groups.forEach(
        (name, groupSettings) -> {
          hcl.append("\ngroup \"").append(name).append("\" {\n");
          if (!groupSettings.isEmpty()) {
            settingsBlock(hcl, groupSettings);
          }
          hcl.append("}\n");
        });
    int i = 0;
    for (Map.Entry<String, String> user : desired.users.entrySet()) {
      String name = user.getKey();
      String variable = "OCSCTL_TEST_PW_" + (i++);
      env.put(variable, user.getValue());
      hcl.append("\nuser \"")
          .append(name)
          .append("\" {\n  password = { env = \"")
          .append(variable)
          .append("\" }\n");
      List<String> groupNames = desired.memberships.getOrDefault(name, List.of());
      if (!groupNames.isEmpty()) {
        hcl.append("  groups = [")
            .append(String.join(", ", groupNames.stream().map(OcservHarness::hclValue).toList()))
            .append("]\n");
      }
      if (desired.locked.contains(name)) {
        hcl.append("  locked = true\n");
      }
      desired
          .userAttributes
          .getOrDefault(name, Map.of())
          .forEach((k, v) -> hcl.append("  ").append(k).append(" = ").append(v).append('\n'));
      if (desired.userSettings.containsKey(name)) {
        settingsBlock(hcl, desired.userSettings.get(name));
      }
      hcl.append("}\n");
    }
    if (desired.canary != null) {
      String[] c = desired.canary.split("\0", -1);
      env.put("OCSCTL_TEST_CANARY_PW", c[1]);
      hcl.append("\ncanary {\n  user = ")
          .append(hclValue(c[0]))
          .append(
              "\n  password = { env = \"OCSCTL_TEST_CANARY_PW\" }\n  server_cert = \"pin-sha256:")
          .append(pin)
          .append("\"\n  expect_routes = [")
          .append(hclList(c[2]))
          .append("]\n  expect_dns = [")
          .append(hclList(c[3]))
          .append("]\n  timeout = \"20s\"\n}\n");
    }
    Path file = dir.resolve("desired.hcl");
    Files.writeString(file, hcl.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private static void settingsBlock(StringBuilder hcl, Map<String, String> settings) {
    hcl.append("  settings = {\n");
    settings.forEach(
        (k, v) -> hcl.append("    \"").append(k).append("\" = ").append(hclValue(v)).append('\n'));
    hcl.append("  }\n");
  }

  private static String hclList(String commaSeparated) {
    return commaSeparated.isEmpty()
        ? ""
        : String.join(
            ", ", List.of(commaSeparated.split(",")).stream().map(v -> "\"" + v + "\"").toList());
  }

  /**
   * Makes ocsctl's openconnect ({@code $OCSCTL_OPENCONNECT}) the real one run inside the server's
   * namespace, where the server's 127.0.0.1 is: a two-line wrapper, {@code exec ip netns exec NS
   * openconnect "$@"}.
   */
  public void openconnectInNamespace() throws IOException {
    Path wrapper = dir.resolve("openconnect-in-netns");
    Files.writeString(
        wrapper,
        "#!/bin/sh\nexec ip netns exec " + netns + " openconnect \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    env.put("OCSCTL_OPENCONNECT", wrapper.toString());
  }

  private static String hclValue(String v) {
    if (v.matches("-?[0-9]{1,9}") || v.equals("true") || v.equals("false")) {
      return v;
    }
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** {@code ocsctl apply -auto-approve} of {@code desired} with the extra arguments. */
  public LiveCli.Run apply(Desired desired, String... extra) throws IOException {
    Path file = write(desired);
    List<String> args = new ArrayList<>(List.of("apply", "-auto-approve", "-f", file.toString()));
    args.addAll(target());
    args.addAll(List.of(extra));
    return ocsctl(args.toArray(String[]::new));
  }

  /** {@code ocsctl plan} of {@code desired} with the extra arguments. */
  public LiveCli.Run plan(Desired desired, String... extra) throws IOException {
    Path file = write(desired);
    List<String> args = new ArrayList<>(List.of("plan", "-f", file.toString()));
    args.addAll(target());
    args.addAll(List.of(extra));
    return ocsctl(args.toArray(String[]::new));
  }

  /** Runs ocsctl in-process with the password variables set. */
  /** Sets an environment variable of every ocsctl run from now on. */
  public void environment(String name, String value) {
    env.put(name, value);
  }

  public LiveCli.Run ocsctl(String... args) {
    return LiveCli.run(env, args);
  }

  /** Runs ocsctl in-process with the password variables and {@code extraEnv} set. */
  public LiveCli.Run ocsctl(Map<String, String> extraEnv, String... args) {
    Map<String, String> all = new LinkedHashMap<>(env);
    all.putAll(extraEnv);
    return LiveCli.run(all, args);
  }

  /** {@code --root / --config DIR/ocserv.conf --state-dir DIR/state}. */
  public List<String> target() {
    return List.of(
        "--root",
        "/",
        "--config",
        config().toString(),
        "--state-dir",
        dir.resolve("state").toString());
  }

  /** A full VPN session for {@code user}, returned once occtl shows it connected. */
  public VpnClient connect(String user, String password) throws Exception {
    Occtl occtl = occtl();
    int before = occtl.user(user).value().size();
    VpnClient client =
        VpnClient.start(this, user, password, dir.resolve("openconnect-" + (++logs) + ".log"));
    return connected(client, occtl, user, before);
  }

  /** {@code client} once occtl shows one more connection of {@code user} than {@code before}. */
  private VpnClient connected(VpnClient client, Occtl occtl, String user, int before)
      throws InterruptedException {
    clients.add(client);
    boolean up =
        waitFor(Duration.ofSeconds(20), () -> !client.alive() || connected(occtl, user) > before);
    if (!up || !client.alive()) {
      fail("openconnect did not connect as " + user + ":\n" + client.output());
    }
    return client;
  }

  private static int connected(Occtl occtl, String user) {
    try {
      return (int)
          occtl.user(user).value().stream().filter(u -> u.state().equals("connected")).count();
    } catch (OcctlException e) {
      return 0;
    }
  }

  /**
   * A full VPN session for {@code user} from {@value #REMOTE_CLIENT_IP} ({@link #linkRemoteClient}
   * first) whose vpnc-script gives the client's tun device its address and a route to the VPN
   * network, so that packets really flow through the tunnel; returned once occtl shows it.
   */
  public VpnClient connectRemoteWithTunnel(String user, String password) throws Exception {
    Path script = dir.resolve("vpnc-script.sh");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "# configures the client's tun device only; no DNS, no default route\n"
            + "if [ \"$reason\" = connect ]; then\n"
            + "  ip link set dev \"$TUNDEV\" up mtu \"${INTERNAL_IP4_MTU:-1300}\"\n"
            + "  ip addr add \"$INTERNAL_IP4_ADDRESS/32\" dev \"$TUNDEV\"\n"
            + "  ip route add 10.99.0.0/24 dev \"$TUNDEV\"\n"
            + "fi\n"
            + "exit 0\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Occtl occtl = occtl();
    int before = connected(occtl, user);
    VpnClient client =
        VpnClient.start(
            clientNetns,
            LINK_SERVER_IP,
            this,
            user,
            password,
            script,
            dir.resolve("openconnect-" + (++logs) + ".log"));
    return connected(client, occtl, user, before);
  }

  /** Runs {@code command} in the remote client's namespace; its result. */
  public Processes.Result inClientNamespace(List<String> command) throws IOException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", clientNetns));
    all.addAll(command);
    return Processes.run(all, Duration.ofSeconds(60));
  }

  /**
   * Runs {@code command} in the server's namespace (occtl reads tun counters there); its result.
   */
  public Processes.Result inServerNamespace(List<String> command) throws IOException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", netns));
    all.addAll(command);
    return Processes.run(all, Duration.ofSeconds(60));
  }

  /**
   * Links a second namespace to the server's by a veth pair created inside the two namespaces
   * (never on the host): the server at {@value #LINK_SERVER_IP}/32, a client at {@value
   * #REMOTE_CLIENT_IP}/32. ocserv 1.1.6 never applies a ban to a client inside a network of its own
   * interfaces (127.0.0.1 included), so bans need a client from elsewhere.
   */
  public void linkRemoteClient() throws IOException {
    clientNetns = netns + "-c";
    exec(List.of("ip", "netns", "add", clientNetns));
    exec(
        List.of(
            "ip",
            "-n",
            netns,
            "link",
            "add",
            "vs0",
            "type",
            "veth",
            "peer",
            "name",
            "vc0",
            "netns",
            clientNetns));
    exec(List.of("ip", "-n", netns, "addr", "add", LINK_SERVER_IP + "/32", "dev", "vs0"));
    exec(List.of("ip", "-n", netns, "link", "set", "vs0", "up"));
    exec(List.of("ip", "-n", netns, "route", "add", REMOTE_CLIENT_IP + "/32", "dev", "vs0"));
    exec(List.of("ip", "-n", clientNetns, "link", "set", "lo", "up"));
    exec(List.of("ip", "-n", clientNetns, "addr", "add", REMOTE_CLIENT_IP + "/32", "dev", "vc0"));
    exec(List.of("ip", "-n", clientNetns, "link", "set", "vc0", "up"));
    exec(List.of("ip", "-n", clientNetns, "route", "add", LINK_SERVER_IP + "/32", "dev", "vc0"));
  }

  /** A login check from {@value #REMOTE_CLIENT_IP} ({@link #linkRemoteClient} first). */
  public VpnClient.Login authenticateRemote(String user, String password) throws Exception {
    return VpnClient.authenticate(
        clientNetns,
        LINK_SERVER_IP,
        this,
        user,
        password,
        dir.resolve("openconnect-" + (++logs) + ".log"));
  }

  /** A login check only ({@code openconnect --authenticate}). */
  public VpnClient.Login authenticate(String user, String password) throws Exception {
    return VpnClient.authenticate(
        this, user, password, dir.resolve("openconnect-" + (++logs) + ".log"));
  }

  public Occtl occtl() throws OcctlException {
    return Occtl.at(occtlSocket(), System.getenv());
  }

  public Path config() {
    return dir.resolve("ocserv.conf");
  }

  public Path dir() {
    return dir;
  }

  public Path occtlSocket() {
    return dir.resolve("run/occtl.sock");
  }

  public String netns() {
    return netns;
  }

  public int port() {
    return port;
  }

  public String pin() {
    return pin;
  }

  public long serverPid() {
    return server.pid();
  }

  public boolean serverAlive() {
    return server != null && server.isAlive();
  }

  public String serverLog() throws IOException {
    return Files.readString(dir.resolve("ocserv.log"));
  }

  /** Polls {@code condition} every 100 ms until it holds or {@code timeout} passes. */
  public static boolean waitFor(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() throws Exception {
    for (VpnClient client : clients) {
      client.close();
    }
    stopServer();
    // ocserv's own children (sec-mod, workers) end with it; any left in our namespace are ours
    for (String ns : clientNetns == null ? List.of(netns) : List.of(netns, clientNetns)) {
      Processes.Result pids =
          Processes.run(List.of("ip", "netns", "pids", ns), Duration.ofSeconds(5));
      for (String pid : pids.stdout().split("\\s+")) {
        if (pid.matches("[0-9]+")) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
      Processes.run(
          List.of("ip", "netns", "del", ns), Duration.ofSeconds(10)); // the veth pair goes with it
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void exec(List<String> command) throws IOException {
    Processes.Result r = Processes.run(command, Duration.ofSeconds(30));
    if (!r.ok()) {
      fail(
          String.join(" ", command)
              + " failed (exit code "
              + r.exitCode()
              + "): "
              + r.stderr()
              + r.stdout());
    }
  }

  /** Skips the calling test (fails it with CI=true) when this machine cannot run a real server. */
  public static void requireEnvironment() throws IOException {
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (!Integer.valueOf(0).equals(uid)) {
      skip("the live tests need root (network namespaces, tun devices); running as uid " + uid);
    }
    for (String tool : TOOLS) {
      if (Processes.find(tool).isEmpty()) {
        skip(
            tool
                + " is not installed (Debian: apt-get install ocserv openconnect gnutls-bin iproute2)");
      }
    }
    if (!Files.exists(Path.of("/dev/net/tun"))) {
      skip("/dev/net/tun is missing: ocserv cannot create VPN devices here");
    }
  }

  static void skip(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + ", and CI=true, so the live tests may not be skipped");
    }
    Assumptions.abort(reason);
  }
}
