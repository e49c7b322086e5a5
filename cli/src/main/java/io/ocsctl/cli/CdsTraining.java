package io.ocsctl.cli;

import io.ocsctl.engine.TempTrees;
import io.ocsctl.providers.ocserv.Processes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The work the {@code ./ocsctl} launcher runs once after a build, under {@code
 * -XX:ArchiveClassesAtExit}, so that the class-data archive holds the classes of every common
 * command (import, validate, fmt, plan in every format, apply, show, drift, history) and not only
 * those of whichever command happened to run first. Everything happens in a temporary directory it
 * deletes; nothing is printed.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /**
   * Always exits normally: the archive of whatever was loaded is still worth keeping, and a failing
   * training would otherwise be retried by every later run.
   */
  public static void main(String[] args) {
    try {
      Path dir = TempTrees.create("ocsctl-cds");
      try {
        train(dir);
      } finally {
        TempTrees.delete(dir);
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("training: " + e);
    }
  }

  private static void train(Path dir) throws IOException {
    Path root = dir.resolve("live");
    Path etc = Files.createDirectories(root.resolve("etc/ocserv"));
    Files.createDirectories(etc.resolve("config-per-user"));
    Files.createDirectories(etc.resolve("config-per-group"));
    Files.writeString(
        etc.resolve("ocserv.conf"),
        String.join(
            "\n",
            "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"",
            "tcp-port = 443",
            "socket-file = /run/ocserv-socket",
            "server-cert = /etc/ocserv/server-cert.pem",
            "server-key = /etc/ocserv/server-key.pem",
            "device = vpns",
            "max-clients = 16",
            "ipv4-network = 192.168.99.0/24",
            "route = 10.0.0.0/8",
            "config-per-user = /etc/ocserv/config-per-user/",
            "config-per-group = /etc/ocserv/config-per-group/",
            "[vhost:old.example.com]",
            "auth = \"certificate\"",
            "server-cert = /etc/ocserv/server-cert.pem",
            "server-key = /etc/ocserv/server-key.pem",
            "ca-cert = /etc/ocserv/server-cert.pem",
            "cert-user-oid = 2.5.4.3",
            "ipv4-network = 192.168.98.0/24",
            ""));
    selfSignedCertificate(dir, etc);
    Files.writeString(
        etc.resolve("ocpasswd"),
        "alice:engineering:$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/\n"
            + "bob:ops:!$6$J/0jxPP.$2.LLPR8JOa149gnqtP98/R7FNcd1aBfDhP/nlamJxaoLarRaZZYIPLaob/PFYFewxyxcM/gx6/ZZROYo.CBbM/\n");
    Files.writeString(etc.resolve("config-per-group/engineering"), "route = 10.1.0.0/16\n");
    Files.writeString(etc.resolve("config-per-user/alice"), "ipv4-network = 192.168.100.0/24\n");

    String r = root.toString();
    String state = dir.resolve("state").toString();
    String hcl = dir.resolve("desired.hcl").toString();
    String yaml = dir.resolve("desired.yaml").toString();
    String planFile = dir.resolve("plan.bin").toString();
    run("import", "--root", r, "-format", "hcl", "-o", hcl);
    run("import", "--root", r, "-format", "yaml", "-o", yaml);
    run("validate", "-f", hcl);
    run("validate", "-f", yaml);
    run("fmt", "-check", hcl);
    Files.writeString(
        Path.of(hcl),
        Files.readString(Path.of(hcl))
            + "\nuser \"train\" {\n  groups = [\"engineering\"]\n  password = { env = \"OCSCTL_TRAIN\" }\n}\n");
    for (List<String> format :
        List.<List<String>>of(
            List.of(), List.of("-json"), List.of("-markdown"), List.of("-summary"))) {
      String[] plan =
          Stream.concat(
                  Stream.of("plan", "-f", hcl, "--root", r, "-detailed-exitcode"), format.stream())
              .toArray(String[]::new);
      run(plan);
    }
    run("plan", "-f", hcl, "--root", r, "--state-dir", state, "-out", planFile);
    run("show", planFile);
    run("apply", "-f", hcl, "--root", r, "--state-dir", state, planFile);
    run("drift", "-no-server-check", "-f", hcl, "--root", r, "--state-dir", state);
    run("drift", "-no-server-check", "-json", "-f", hcl, "--root", r, "--state-dir", state);
    run("apply", "-auto-approve", "-f", yaml, "--root", r, "--state-dir", state);
    run("drift", "-no-server-check", "-f", hcl, "--root", r, "--state-dir", state);
    run("history", "--state-dir", state);
  }

  /**
   * A throw-away key and certificate for apply's preflight ({@code ocserv -t} loads them): made by
   * the JDK's keytool, written as PEM. Without them apply stops at the preflight, which only leaves
   * its classes out of the archive.
   */
  private static void selfSignedCertificate(Path dir, Path etc) {
    Path store = dir.resolve("train.p12");
    char[] password = "training".toCharArray();
    try {
      // a first run after a build must never hang on its training: keytool gets 60 s
      Processes.Result keytool =
          Processes.run(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  "train",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  "CN=ocsctl-training",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  "training",
                  "-keypass",
                  "training"),
              Duration.ofSeconds(60));
      if (!keytool.ok()) {
        return;
      }
      java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(store)) {
        keys.load(in, password);
      }
      Files.writeString(
          etc.resolve("server-cert.pem"),
          pem("CERTIFICATE", keys.getCertificate("train").getEncoded()));
      Files.writeString(
          etc.resolve("server-key.pem"),
          pem("PRIVATE KEY", keys.getKey("train", password).getEncoded()));
    } catch (IOException | java.security.GeneralSecurityException e) {
      // no certificate: see above
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void run(String... args) {
    PrintWriter nowhere =
        new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    java.io.StringWriter errors = new java.io.StringWriter();
    int code =
        Main.execute(
            args,
            nowhere,
            new PrintWriter(errors),
            Map.of("OCSCTL_TRAIN", "train-password", "PATH", "/usr/bin:/bin"),
            new ByteArrayInputStream(new byte[0]));
    if (code == 1 || code == 3) {
      // the launcher discards this; it is for whoever changes the commands and runs this by hand
      System.err.println(
          "training: ocsctl " + String.join(" ", args) + " exited " + code + ": " + errors);
    }
  }
}
