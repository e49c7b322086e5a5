package io.ocsctl.engine.doctor;

import io.ocsctl.providers.Fingerprint;
import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.OcctlSocket;
import io.ocsctl.providers.ocserv.OcservCheck;
import io.ocsctl.schema.model.Settings;
import io.ocsctl.state.ApplyLock;
import io.ocsctl.state.History;
import io.ocsctl.state.LockInfo;
import io.ocsctl.state.StateDir;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ocsctl doctor}: health checks for the on-call, each a pass/warn/fail line. Certificates
 * warn 30 days before they expire and fail once expired.
 */
public final class Doctor {
  static final int WARN_DAYS = 30;

  private Doctor() {}

  public static List<Check> run(
      Path root, String configPath, Path stateDir, Map<String, String> env, Instant now) {
    List<Check> checks = new ArrayList<>();
    LiveState live;
    try {
      live = LiveReader.read(root, configPath, Settings.EMPTY);
      boolean hasConfig = !Fingerprint.isAbsent(live.fingerprints().get(live.paths().config()));
      checks.add(
          hasConfig
              ? Check.pass(
                  "config",
                  "the config tree is readable: "
                      + live.passwd().entries().size()
                      + " users in ocpasswd")
              : Check.fail("config", configPath + " does not exist under " + root));
      if (!hasConfig) {
        return checks;
      }
    } catch (MalformedFileException e) {
      checks.add(
          Check.fail(
              "config", e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage()));
      return checks;
    }
    checks.add(ocservCheck(live));
    Settings settings = live.config().settings();
    boolean running = process(live, settings, checks);
    ports(settings, running, checks);
    occtl(live, configPath, env, running, checks);
    for (String key : List.of("server-cert", "ca-cert")) {
      for (String path : settings.get(key)) {
        checks.add(certificate(live, key, path, now));
      }
    }
    checks.add(passwdMode(live));
    state(stateDir, checks);
    return checks;
  }

  private static Check ocservCheck(LiveState live) {
    try {
      OcservCheck.Outcome outcome = OcservCheck.check(live.config().render(), live.root().root());
      if (!outcome.ran()) {
        return Check.skip("ocserv -t", "ocserv is not installed here");
      }
      return outcome.ok()
          ? Check.pass("ocserv -t", "ocserv accepts the configuration")
          : Check.fail("ocserv -t", String.join("; ", outcome.errors()));
    } catch (IOException e) {
      return Check.fail("ocserv -t", "could not run: " + e.getMessage());
    }
  }

  private static boolean process(LiveState live, Settings settings, List<Check> checks) {
    List<String> pidFile = settings.get("pid-file");
    if (pidFile.isEmpty()) {
      checks.add(Check.skip("process", "no pid-file in the config"));
      return false;
    }
    try {
      Path file = live.root().resolve(pidFile.get(0), "/");
      if (!Files.exists(file)) {
        checks.add(Check.warn("process", "ocserv is not running (no " + pidFile.get(0) + ")"));
        return false;
      }
      long pid = Long.parseLong(Files.readString(file).strip());
      boolean running = HostProbes.ocservRunning(pid);
      checks.add(
          running
              ? Check.pass("process", "ocserv runs as pid " + pid)
              : Check.fail(
                  "process",
                  pidFile.get(0) + " names pid " + pid + ", which is not ocserv: stale pid file"));
      return running;
    } catch (IOException | NumberFormatException | MalformedFileException e) {
      checks.add(Check.fail("process", "cannot read " + pidFile.get(0) + ": " + e.getMessage()));
      return false;
    }
  }

  private static void ports(Settings settings, boolean running, List<Check> checks) {
    for (String key : List.of("tcp-port", "udp-port")) {
      List<String> value = settings.get(key);
      if (value.isEmpty()) {
        continue;
      }
      int port;
      try {
        port = Integer.parseInt(value.get(0));
      } catch (NumberFormatException e) {
        checks.add(Check.fail(key, "not a port: " + value.get(0)));
        continue;
      }
      boolean open =
          key.equals("tcp-port") ? HostProbes.tcpListening(port) : HostProbes.udpBound(port);
      checks.add(
          open
              ? Check.pass(key, "port " + port + " is open")
              : running
                  ? Check.fail(
                      key, "nothing listens on port " + port + " in this network namespace")
                  : Check.skip(key, "port " + port + " not open (ocserv is not running)"));
    }
  }

  private static void occtl(
      LiveState live,
      String configPath,
      Map<String, String> env,
      boolean running,
      List<Check> checks) {
    try {
      Path socket = OcctlSocket.of(live.root(), configPath, live.config());
      boolean answers = Occtl.at(socket, env).answers();
      checks.add(
          answers
              ? Check.pass("occtl", "the occtl socket answers: " + live.root().display(socket))
              : running
                  ? Check.fail(
                      "occtl",
                      "ocserv runs but "
                          + live.root().display(socket)
                          + " does not answer (use-occtl = true?)")
                  : Check.skip("occtl", "ocserv is not running"));
    } catch (OcctlException | MalformedFileException e) {
      checks.add(Check.skip("occtl", e.getMessage()));
    }
  }

  static Check certificate(LiveState live, String key, String path, Instant now) {
    String name = key + " " + path;
    if (path.startsWith("pkcs11:") || path.startsWith("tpmkey:")) {
      return Check.skip(name, "a hardware key URL cannot be read from a file");
    }
    try (InputStream in = Files.newInputStream(live.root().resolve(path, "/"))) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      long days = Duration.between(now, cert.getNotAfter().toInstant()).toDays();
      if (cert.getNotAfter().toInstant().isBefore(now)) {
        return Check.fail(name, "expired on " + cert.getNotAfter().toInstant());
      }
      String subject = cert.getSubjectX500Principal().getName();
      return days < WARN_DAYS
          ? Check.warn(name, "expires in " + days + " days (" + subject + ")")
          : Check.pass(name, "valid for " + days + " more days (" + subject + ")");
    } catch (IOException | MalformedFileException e) {
      return Check.fail(name, "not readable: " + e.getMessage());
    } catch (CertificateException | ClassCastException e) {
      return Check.fail(name, "not an X.509 certificate: " + e.getMessage());
    }
  }

  private static Check passwdMode(LiveState live) {
    if (live.paths().passwd().isEmpty() || !Files.exists(live.paths().passwd().get())) {
      return Check.skip("ocpasswd", "no plain[passwd=...] file");
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(live.paths().passwd().get());
      String display = live.root().display(live.paths().passwd().get());
      if (perms.contains(PosixFilePermission.OTHERS_READ)) {
        return Check.fail("ocpasswd", display + " is world-readable: chmod 600 " + display);
      }
      return perms.contains(PosixFilePermission.GROUP_READ)
          ? Check.warn("ocpasswd", display + " is group-readable; 0600 is enough for ocserv")
          : Check.pass("ocpasswd", display + " is readable by its owner only");
    } catch (IOException e) {
      return Check.fail("ocpasswd", "cannot read its permissions: " + e.getMessage());
    }
  }

  private static void state(Path stateDir, List<Check> checks) {
    StateDir dir = new StateDir(stateDir);
    if (!Files.isDirectory(stateDir)) {
      checks.add(
          Check.warn("state", "no state directory yet (" + stateDir + "): nothing was applied"));
      return;
    }
    try {
      StateDir.at(stateDir); // owner, mode 0700, no symbolic link on its path
      checks.add(Check.pass("state", stateDir + " is private to its owner"));
    } catch (IOException e) {
      checks.add(Check.fail("state", e.getMessage()));
    }
    try {
      Optional<LockInfo> holder = ApplyLock.holder(dir);
      if (holder.isPresent()) {
        LockInfo h = holder.get();
        checks.add(
            h.isDeadOnThisHost()
                ? Check.fail(
                    "lock",
                    "stale lock of pid "
                        + h.pid()
                        + " (gone): the next ocsctl command takes it over,"
                        + " or run 'ocsctl force-unlock'")
                : Check.warn(
                    "lock",
                    "an "
                        + h.operation()
                        + " by pid "
                        + h.pid()
                        + " on "
                        + h.host()
                        + " runs since "
                        + h.started()));
      } else {
        checks.add(Check.pass("lock", "no apply is running"));
      }
      if (Files.exists(dir.journalFile())) {
        checks.add(
            Check.warn(
                "journal",
                "an interrupted apply is pending: the next ocsctl command will recover it"));
      }
    } catch (IOException e) {
      checks.add(Check.fail("lock", "cannot read the lock: " + e.getMessage()));
    }
    if (!Files.isDirectory(dir.historyDir())) {
      checks.add(Check.warn("history", "no history repository yet"));
      return;
    }
    try (History history = History.open(dir)) {
      var log = history.log(1);
      checks.add(
          log.isEmpty()
              ? Check.warn("history", "the history repository is empty")
              : Check.pass(
                  "history",
                  "last applied " + log.get(0).time() + " (" + log.get(0).shortId() + ")"));
    } catch (IOException | RuntimeException e) {
      checks.add(Check.fail("history", "the history repository is broken: " + e.getMessage()));
    }
  }
}
