package io.ocsctl.providers.ocserv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.Binaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real {@code ocserv -t} on rendered configs, under a root other than /. */
class OcservCheckTest {
  static final Path EXAMPLE_ROOT = Path.of("../examples/basic/live");

  @BeforeEach
  void needsOcserv() {
    Binaries.require("ocserv");
  }

  @Test
  void theExampleConfigPassesUnderItsRoot() throws Exception {
    String config = Files.readString(EXAMPLE_ROOT.resolve("etc/ocserv/ocserv.conf"));
    OcservCheck.Outcome outcome = OcservCheck.check(config, EXAMPLE_ROOT);
    assertTrue(outcome.ran());
    assertEquals(List.of(), outcome.errors());
  }

  @Test
  void aConfigOcservRejectsIsReportedWithItsMessageAndNoTempPath() throws Exception {
    String config =
        Files.readString(EXAMPLE_ROOT.resolve("etc/ocserv/ocserv.conf"))
            .replace(
                "max-clients = 16",
                "max-clients = 16\ncisco-client-compat = true\nmatch-tls-dtls-ciphers = true");
    OcservCheck.Outcome outcome = OcservCheck.check(config, EXAMPLE_ROOT);
    assertFalse(outcome.ok());
    assertTrue(
        outcome.errors().get(0).contains("match-tls-dtls-ciphers"), outcome.errors().toString());
    assertFalse(
        outcome.errors().toString().contains(EXAMPLE_ROOT.toAbsolutePath().normalize().toString()),
        "paths are mapped back to the server's own: " + outcome.errors());
  }

  @Test
  void aMissingCertificateIsNamedWithItsPathInsideTheRoot() throws Exception {
    String config =
        Files.readString(EXAMPLE_ROOT.resolve("etc/ocserv/ocserv.conf"))
            .replace("/etc/ocserv/server-cert.pem", "/etc/ocserv/missing-cert.pem");
    OcservCheck.Outcome outcome = OcservCheck.check(config, EXAMPLE_ROOT);
    assertEquals(
        List.of("/etc/ocserv/missing-cert.pem"), OcservCheck.missingFiles(outcome).subList(0, 1));
  }

  @Test
  void absolutePathOptionsAndThePasswdFileCarryTheRootPrefix() {
    String rooted =
        OcservCheck.withRoot(
            "auth = \"plain[passwd=/etc/ocserv/pw]\"\nserver-cert = /etc/c.pem\nmax-clients = 1\n",
            "/r");
    assertEquals(
        "auth = \"plain[passwd=/r/etc/ocserv/pw]\"\nserver-cert = \"/r/etc/c.pem\"\nmax-clients = 1\n",
        rooted);
  }
}
