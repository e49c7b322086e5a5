package io.ocsctl.engine.server;

import io.ocsctl.providers.occtl.Occtl;
import io.ocsctl.providers.occtl.SystemdUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for a running ocserv under systemd, as shell scripts in a directory: an occtl that
 * answers {@code show status} with the pid in {@code pid}, {@code show users} with nobody,
 * {@code show ip bans} with {@code bans.json}, accepts {@code reload} and {@code unban ip} (which
 * empties the bans, or fails while {@code unban-fails} exists); and a systemctl whose
 * {@code restart} starts a "new server" (pid + 1), or fails as many times as {@code
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
    script("occtl", "echo \"$*\" >> " + d + "/occtl.log",
        "shift 2; if [ \"$1\" = -j ]; then shift; fi",
        "case \"$*\" in",
        "  'show status') printf '{\"Status\": \"online\", \"Server PID\": %s}\\n' $(cat " + d + "/pid) ;;",
        "  'show users') printf '[\\n]\\n' ;;",
        "  'show ip bans') cat " + d + "/bans.json ;;",
        "  reload) echo 'Server scheduled to reload' ;;",
        "  'unban ip '*) if [ -e " + d + "/unban-fails ]; then echo \"could not unban IP '$3'\"; exit 1; fi;",
        "    printf '[\\n]\\n' > " + d + "/bans.json; echo \"IP '$3' was unbanned\" ;;",
        "  *) echo \"unknown command: $*\" >&2; exit 1 ;;",
        "esac");
    script("systemctl", "echo \"$*\" >> " + d + "/systemctl.log",
        "case \"$1\" in",
        "  show) cat " + d + "/pid ;;",
        "  restart) n=$(cat " + d + "/restart-failures 2>/dev/null || echo 0)",
        "    if [ \"$n\" -gt 0 ]; then echo $((n - 1)) > " + d + "/restart-failures;",
        "      echo 'Job for ocserv.service failed.' >&2; exit 1; fi",
        "    echo $(( $(cat " + d + "/pid) + 1 )) > " + d + "/pid ;;",
        "esac");
  }

  private void script(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  void bans(String json) throws IOException {
    Files.writeString(dir.resolve("bans.json"), json);
  }

  /** Environment that makes ocsctl run the fake occtl. */
  Map<String, String> env() {
    return Map.of(Occtl.PROGRAM_ENV, dir.resolve("occtl").toString());
  }

  /** Options reaching this server, with systemd running it when {@code systemd}. */
  ServerOptions options(boolean allowRestart, boolean systemd) throws IOException {
    if (systemd) {
      Files.createDirectories(systemdRuntime);
    }
    return new ServerOptions(Optional.of(socket), Optional.empty(), allowRestart, "ocserv", false,
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
