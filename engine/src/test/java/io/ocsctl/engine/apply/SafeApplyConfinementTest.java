package io.ocsctl.engine.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ocsctl.engine.Workflow;
import io.ocsctl.engine.plan.FileChange;
import io.ocsctl.engine.plan.Plan;
import io.ocsctl.state.History;
import io.ocsctl.state.Journal;
import io.ocsctl.state.StateDir;
import io.ocsctl.state.WriteScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #19 item 1: whatever plan reaches {@link SafeApply}, it writes nothing outside the managed
 * paths.
 */
class SafeApplyConfinementTest {
  @TempDir Path tmp;

  @Test
  void aPlanNamingAFileOutsideTheRootWritesNothing() throws Exception {
    Path root = tmp.resolve("root");
    Path etc = Files.createDirectories(root.resolve("etc/ocserv"));
    Files.writeString(
        etc.resolve("ocserv.conf"),
        "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\ntcp-port = 443\n");
    Files.writeString(etc.resolve("ocpasswd"), "alice:*:$6$salt$hash\n");
    Path desired = tmp.resolve("desired.hcl");
    Files.writeString(
        desired,
        "server {\n  settings = {\n    \"auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n"
            + "    \"tcp-port\" = 8443\n  }\n}\nuser \"alice\" {\n  password_hash = \"$6$salt$hash\"\n}\n");
    Workflow.Planned planned =
        Workflow.plan(
            new Workflow.Target(desired, root, "/etc/ocserv/ocserv.conf", Map.of(), null));
    Path victim = tmp.resolve("victim");
    FileChange good = planned.plan().files().get(0);
    FileChange evil =
        new FileChange(
            "/etc/ocserv/ocserv.conf",
            Path.of(root + "/../victim"),
            null,
            "owned\n",
            null,
            "owned\n",
            false,
            null);
    Plan plan =
        new Plan(
            planned.plan().resources(),
            List.of(good, evil),
            planned.plan().liveFingerprints(),
            planned.plan().desiredFingerprint(),
            List.of());
    String conf = Files.readString(etc.resolve("ocserv.conf"));
    assertThrows(
        WriteScope.OutsideException.class,
        () ->
            SafeApply.apply(
                plan,
                planned.live(),
                StateDir.at(tmp.resolve("state")),
                new SafeApply.Record(new History.Author("t", "t@example.com"), Optional.empty()),
                SafeApply.AfterSwap.NONE,
                Journal.CrashPoint.NONE));
    assertFalse(Files.exists(victim));
    assertEquals(
        conf,
        Files.readString(etc.resolve("ocserv.conf")),
        "the managed file staged first was not swapped");
  }
}
