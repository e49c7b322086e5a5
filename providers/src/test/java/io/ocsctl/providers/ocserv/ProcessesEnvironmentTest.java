package io.ocsctl.providers.ocserv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #19 item 9: a child (ocserv -t, occtl, systemctl) gets PATH, the locale and the time zone,
 * never the rest of ocsctl's environment, where the secrets a desired state names live.
 */
class ProcessesEnvironmentTest {
  @Test
  void aChildSeesOnlyThePassedVariables() throws Exception {
    assertTrue(
        System.getenv().keySet().stream().anyMatch(k -> !Processes.PASSED.contains(k)),
        "the test needs a variable ocsctl does not pass (HOME, USER, ...)");
    Processes.Result env = Processes.run(List.of("/usr/bin/env"), Duration.ofSeconds(10));
    assertTrue(env.ok(), env.stderr());
    for (String line : env.stdout().split("\n")) {
      if (!line.isEmpty()) {
        String name = line.substring(0, line.indexOf('='));
        assertTrue(Processes.PASSED.contains(name), "the child got " + name);
      }
    }
  }
}
