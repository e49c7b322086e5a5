package io.ocsctl.providers.occtl;

import io.ocsctl.providers.ocserv.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The systemd unit that runs ocserv, when systemd runs it: {@code systemctl show -p MainPID} to
 * tell, {@code systemctl restart} to restart. Everything else about the server goes through occtl.
 */
public final class SystemdUnit {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9@._:\\\\-]{0,254}");

  /**
   * Where systemd is looked for: {@code systemctl} (empty: the one on the PATH) and the directory
   * that exists only while systemd is the init system (what sd_booted(3) checks). Tests give their
   * own.
   */
  public record Host(Optional<Path> systemctl, Path runtimeDir) {
    public static final Host SYSTEM = new Host(Optional.empty(), Path.of("/run/systemd/system"));

    Optional<Path> program() {
      return systemctl.isPresent() ? systemctl : Processes.find("systemctl");
    }
  }

  private final String name;
  private final Host host;

  private SystemdUnit(String name, Host host) {
    this.name = name;
    this.host = host;
  }

  public static SystemdUnit named(String name) throws OcctlException {
    return named(name, Host.SYSTEM);
  }

  public static SystemdUnit named(String name, Host host) throws OcctlException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new OcctlException("'" + OcctlArgs.printable(name) + "' is not a systemd unit name");
    }
    return new SystemdUnit(name, host);
  }

  public String name() {
    return name;
  }

  /** The unit's main pid when systemd runs here and the unit is active; empty otherwise. */
  public Optional<Long> mainPid() {
    Optional<Path> systemctl = host.program();
    if (systemctl.isEmpty() || !Files.isDirectory(host.runtimeDir())) {
      return Optional.empty();
    }
    try {
      Processes.Result r =
          Processes.run(
              List.of(systemctl.get().toString(), "show", "-p", "MainPID", "--value", name),
              Duration.ofSeconds(10));
      String pid = r.stdout().strip();
      return r.ok() && pid.matches("[1-9][0-9]{0,9}")
          ? Optional.of(Long.parseLong(pid))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code systemctl restart UNIT}; throws with systemctl's words when it fails. */
  public void restart(Duration timeout) throws OcctlException {
    Path systemctl =
        host.program().orElseThrow(() -> new OcctlException("systemctl is not installed"));
    try {
      Processes.Result r = Processes.run(List.of(systemctl.toString(), "restart", name), timeout);
      if (!r.ok()) {
        String said = (r.stderr() + r.stdout()).strip();
        throw new OcctlException(
            "systemctl restart "
                + name
                + " failed"
                + (said.isEmpty()
                    ? " (exit code " + r.exitCode() + ")"
                    : ": " + LenientJson.excerpt(said)));
      }
    } catch (IOException e) {
      throw new OcctlException("cannot run systemctl restart " + name + ": " + e.getMessage(), e);
    }
  }
}
