package io.ocsctl.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.engine.MemoryLive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An existing config-per-user/config-per-group file with no settings (empty, or only comments)
 * stays while its user or group is declared, and goes with it.
 */
class EmptyPerFileTest {
  private static final String SERVER =
      "server {\n  settings = {\n"
          + "    \"auth\" = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n"
          + "    \"config-per-user\" = \"/etc/ocserv/users/\"\n"
          + "    \"config-per-group\" = \"/etc/ocserv/groups/\"\n  }\n}\n";
  private static final String ALICE = "user \"alice\" {\n  password_hash = \"$6$salt$hash\"\n}\n";

  /** The live tree, in memory: the test is about planning, not about files on disk. */
  private static final MemoryLive LIVE =
      new MemoryLive(
          Map.of(
              "/etc/ocserv/ocserv.conf",
              "auth = \"plain[passwd=/etc/ocserv/ocpasswd]\"\n"
                  + "config-per-user = /etc/ocserv/users/\nconfig-per-group = /etc/ocserv/groups/\n",
              "/etc/ocserv/ocpasswd",
              "alice:*:$6$salt$hash\n",
              "/etc/ocserv/users/alice",
              "# nothing for alice yet\n",
              "/etc/ocserv/groups/quiet",
              ""));

  @TempDir Path tmp;

  private Plan plan(String desired) throws Exception {
    Path file = tmp.resolve("desired.hcl");
    Files.writeString(file, desired);
    return LIVE.plan(file).plan();
  }

  @Test
  void keptWhileDeclared() throws Exception {
    Plan plan = plan(SERVER + "group \"quiet\" {}\n" + ALICE);
    assertFalse(plan.hasChanges(), plan.files().toString() + plan.resources());
  }

  @Test
  void deletedWithItsResource() throws Exception {
    Plan plan =
        plan(SERVER + ALICE.replace("alice", "bob").replace("$6$salt$hash", "$6$salt$other"));
    var byAddress = Planner.byAddress(plan);
    assertEquals(Action.DELETE, byAddress.get("group[\"quiet\"]").action());
    assertEquals(Action.DELETE, byAddress.get("user[\"alice\"]").action());
    assertTrue(
        plan.files().stream()
            .anyMatch(f -> f.path().equals("/etc/ocserv/groups/quiet") && f.isDelete()));
    assertTrue(
        plan.files().stream()
            .anyMatch(f -> f.path().equals("/etc/ocserv/users/alice") && f.isDelete()));
  }

  @Test
  void settingsAreAddedToTheFileKeepingItsComments() throws Exception {
    Plan plan =
        plan(
            SERVER
                + "group \"quiet\" {}\n"
                + ALICE.replace("}\n", "  settings = { \"dns\" = \"10.0.0.53\" }\n}\n"));
    FileChange alice =
        plan.files().stream()
            .filter(f -> f.path().equals("/etc/ocserv/users/alice"))
            .findFirst()
            .orElseThrow();
    assertEquals("# nothing for alice yet\ndns = 10.0.0.53\n", alice.after());
    assertNull(Planner.byAddress(plan).get("group[\"quiet\"]"));
  }
}
