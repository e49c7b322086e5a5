package io.ocsctl.engine.server;

import io.ocsctl.providers.occtl.BanEntry;
import io.ocsctl.providers.occtl.ConnectedUser;
import io.ocsctl.providers.occtl.CookieSession;
import io.ocsctl.providers.occtl.IRouteEntry;
import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.OcctlException;
import io.ocsctl.providers.occtl.OcctlParser;
import io.ocsctl.providers.occtl.Parsed;
import io.ocsctl.providers.occtl.ServerStatus;
import io.ocsctl.providers.occtl.SystemdUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for a running ocserv under systemd: an in-memory {@link Occtl} that answers {@code
 * show status} with the pid in {@code pid}, {@code show users} with nobody, {@code show ip bans}
 * with {@code bans.json}, accepts {@code reload} and {@code unban ip} (which empties the bans, or
 * fails while {@code unban-fails} exists); and a systemctl script (systemd is a program ocsctl
 * runs) whose {@code restart} starts a "new server" (pid + 1), or fails as many times as {@code
 * restart-failures} says. Both append their arguments to {@code occtl.log} / {@code systemctl.log}.
 */
final class FakeServer {
  static final long PID = 4121;

  final Path dir;
  final Path socket;
  final Path systemdRuntime;

  FakeServer(Path dir) throws IOException {
    this.dir = dir;
    this.socket = dir.resolve("occtl.socket");
    this.systemdRuntime = dir.resolve("run-systemd-system");
    Files.createFile(socket);
    Files.writeString(dir.resolve("pid"), PID + "\n");
    bans("[\n]\n");
    String d = dir.toString();
    script(
        "systemctl",
        "echo \"$*\" >> " + d + "/systemctl.log",
        "case \"$1\" in",
        "  show) cat " + d + "/pid ;;",
        "  restart) n=$(cat " + d + "/restart-failures 2>/dev/null || echo 0)",
        "    if [ \"$n\" -gt 0 ]; then echo $((n - 1)) > " + d + "/restart-failures;",
        "      echo 'Job for ocserv.service failed.' >&2; exit 1; fi",
        "    echo $(( $(cat " + d + "/pid) + 1 )) > " + d + "/pid ;;",
        "esac");
  }

  /** Opens the in-memory occtl of this server. */
  Occtl.Factory occtl() {
    return FakeOcctl::new;
  }

  /** The in-memory occtl: what the real one would answer, logged as its command line would be. */
  private final class FakeOcctl implements Occtl {
    private final Path at;

    FakeOcctl(Path at) {
      this.at = at;
    }

    private void log(String words) throws OcctlException {
      try {
        Files.writeString(
            dir.resolve("occtl.log"),
            "-s " + at + " " + words + "\n",
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new OcctlException(e.getMessage());
      }
    }

    private String read(String file) throws OcctlException {
      try {
        return Files.readString(dir.resolve(file));
      } catch (IOException e) {
        throw new OcctlException(e.getMessage());
      }
    }

    public Path socket() {
      return at;
    }

    public boolean answers() {
      return true;
    }

    public Parsed<ServerStatus> status() throws OcctlException {
      log("-j show status");
      return OcctlParser.status(
          "{\"Status\": \"online\", \"Server PID\": " + read("pid").strip() + "}\n");
    }

    public Parsed<List<ConnectedUser>> users() throws OcctlException {
      log("-j show users");
      return Parsed.of(List.of());
    }

    public Parsed<List<ConnectedUser>> user(String name) throws OcctlException {
      log("-j show user " + name);
      return Parsed.of(List.of());
    }

    public Parsed<List<ConnectedUser>> id(String id) {
      return Parsed.of(List.of());
    }

    public Parsed<List<CookieSession>> sessions(boolean all) {
      return Parsed.of(List.of());
    }

    public Parsed<List<CookieSession>> session(String sid) {
      return Parsed.of(List.of());
    }

    public Parsed<List<IRouteEntry>> iroutes() {
      return Parsed.of(List.of());
    }

    public Parsed<List<BanEntry>> bans() throws OcctlException {
      log("-j show ip bans");
      return OcctlParser.bans(read("bans.json"));
    }

    public Parsed<List<BanEntry>> banPoints() {
      return Parsed.of(List.of());
    }

    public String reload() throws OcctlException {
      log("reload");
      return "Server scheduled to reload";
    }

    public String disconnectUser(String name) throws OcctlException {
      log("disconnect user " + name);
      return "user '" + name + "' was disconnected";
    }

    public String disconnectId(String id) throws OcctlException {
      log("disconnect id " + id);
      return "connection " + id + " was disconnected";
    }

    public String unbanIp(String ip) throws OcctlException {
      log("unban ip " + ip);
      if (Files.exists(dir.resolve("unban-fails"))) {
        throw new OcctlException(
            "occtl unban ip " + ip + " failed: could not unban IP '" + ip + "'");
      }
      try {
        FakeServer.this.bans("[\n]\n");
      } catch (IOException e) {
        throw new OcctlException(e.getMessage());
      }
      return "IP '" + ip + "' was unbanned";
    }
  }

  private void script(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  void bans(String json) throws IOException {
    Files.writeString(dir.resolve("bans.json"), json);
  }

  /** The environment of a plan against this server: nothing, occtl is {@link #occtl}. */
  Map<String, String> env() {
    return Map.of();
  }

  /** Options reaching this server, with systemd running it when {@code systemd}. */
  ServerOptions options(boolean allowRestart, boolean systemd) throws IOException {
    if (systemd) {
      Files.createDirectories(systemdRuntime);
    }
    return new ServerOptions(
        Optional.of(socket),
        Optional.empty(),
        allowRestart,
        "ocserv",
        false,
        new SystemdUnit.Host(Optional.of(dir.resolve("systemctl")), systemdRuntime));
  }

  long pid() throws IOException {
    return Long.parseLong(Files.readString(dir.resolve("pid")).strip());
  }

  List<String> log(String program) throws IOException {
    Path log = dir.resolve(program + ".log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }
}
