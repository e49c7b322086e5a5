package io.ocsctl.engine.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What /proc says about a process and listening sockets (the network namespace doctor runs in). */
final class HostProbes {
  private HostProbes() {}

  /** Whether {@code pid} runs and its command line mentions ocserv. */
  static boolean ocservRunning(long pid) {
    Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
    try {
      return Files.exists(cmdline)
          && new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).contains("ocserv");
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether a TCP socket listens on {@code port} (IPv4 or IPv6). */
  static boolean tcpListening(int port) {
    return scan(List.of("/proc/net/tcp", "/proc/net/tcp6"), port, true);
  }

  /** Whether a UDP socket is bound to {@code port}. */
  static boolean udpBound(int port) {
    return scan(List.of("/proc/net/udp", "/proc/net/udp6"), port, false);
  }

  private static boolean scan(List<String> files, int port, boolean needListen) {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String file : files) {
      try {
        for (String line : Files.readAllLines(Path.of(file))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 3 && f[1].endsWith(hexPort) && (!needListen || f[3].equals("0A"))) {
            return true;
          }
        }
      } catch (IOException e) {
        // no such table on this kernel: keep looking
      }
    }
    return false;
  }
}
