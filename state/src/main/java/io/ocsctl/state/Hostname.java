package io.ocsctl.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's host name, read the way {@code hostname(1)} does, without DNS look-ups. */
final class Hostname {

  private Hostname() {}

  static String current() {
    try {
      String name =
          Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | SecurityException notLinux) {
      // fall through to the JDK's view
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException unresolvable) {
      return "localhost";
    }
  }
}
