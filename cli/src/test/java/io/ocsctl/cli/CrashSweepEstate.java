package io.ocsctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Two desired states of one generated estate for the crash sweep: {@code n} users in {@code n/20}
 * groups, every 4th user with a per-user file. Going from one variant to the other rewrites
 * ocserv.conf, ocpasswd (every 50th user locked or not), every group file and every per-user file:
 * hundreds of files in one apply.
 */
public final class CrashSweepEstate {
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./";

  private CrashSweepEstate() {}

  /**
   * {@code java -cp cli/target/test-classes io.ocsctl.cli.CrashSweepEstate DIR N}: for timing by
   * hand.
   */
  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), Integer.parseInt(args[1]));
  }

  /** Writes {@code dir/a.hcl} and {@code dir/b.hcl}; returns {@code dir}. */
  static Path write(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    Random rng = new Random(20);
    String[] hashes = new String[n];
    for (int i = 0; i < n; i++) {
      StringBuilder h = new StringBuilder("$6$");
      for (int k = 0; k < 16; k++) {
        h.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
      }
      h.append('$');
      for (int k = 0; k < 86; k++) {
        h.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
      }
      hashes[i] = h.toString();
    }
    Files.writeString(dir.resolve("a.hcl"), desired(n, hashes, false));
    Files.writeString(dir.resolve("b.hcl"), desired(n, hashes, true));
    return dir;
  }

  private static String desired(int n, String[] hashes, boolean b) {
    StringBuilder s = new StringBuilder("version = 1\n\nserver {\n  settings = {\n");
    s.append("    \"auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n")
        .append("    \"tcp-port\" = 443\n    \"udp-port\" = 443\n")
        .append("    \"run-as-user\" = \"nobody\"\n    \"run-as-group\" = \"daemon\"\n")
        .append("    \"socket-file\" = \"/run/ocserv-socket\"\n")
        .append("    \"server-cert\" = \"/etc/ocserv/server-cert.pem\"\n")
        .append("    \"server-key\" = \"/etc/ocserv/server-key.pem\"\n")
        .append("    \"max-clients\" = ")
        .append(b ? 4000 : 3000)
        .append('\n')
        .append("    \"use-occtl\" = true\n    \"pid-file\" = \"/run/ocserv.pid\"\n")
        .append("    \"device\" = \"vpns\"\n")
        .append("    \"ipv4-network\" = \"10.128.0.0/10\"\n")
        .append("    \"config-per-user\" = \"/etc/ocserv/config-per-user/\"\n")
        .append("    \"config-per-group\" = \"/etc/ocserv/config-per-group/\"\n")
        .append("  }\n}\n\n");
    int groups = Math.max(1, n / 20);
    for (int g = 0; g < groups; g++) {
      s.append("group \"team")
          .append(g)
          .append("\" {\n  settings = {\n    \"route\" = [\"10.")
          .append(g % 250)
          .append(".0.0/16\"")
          .append(b ? ", \"172.20.0.0/16\"" : "")
          .append("]\n  }\n}\n\n");
    }
    for (int i = 0; i < n; i++) {
      s.append("user \"user")
          .append(i)
          .append("\" {\n  groups = [\"team")
          .append(i % groups)
          .append("\"]\n  password_hash = \"")
          .append(hashes[i])
          .append("\"\n");
      if (i % 50 == 0) {
        s.append("  locked = ").append(b).append('\n');
      }
      if (i % 4 == 0) {
        s.append("  settings = {\n    \"route\" = [\"10.")
            .append(200 + (i / 256) % 50)
            .append('.')
            .append(i % 256)
            .append(".0/24\"")
            .append(b ? ", \"192.168.7.0/24\"" : "")
            .append("]\n  }\n");
      }
      s.append("}\n\n");
    }
    return s.toString();
  }
}
