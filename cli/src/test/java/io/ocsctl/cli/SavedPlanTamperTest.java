package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue #19 item 1: a saved plan's content is never trusted. Apply plans again from -f and --root
 * and refuses any plan file that is not exactly that plan; nothing lands outside the root.
 */
class SavedPlanTamperTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");
  static final ObjectMapper JSON = JsonMapper.builder().build();
  static final String BACKDOOR =
      "backdoor:*:$6$saltsalt$2yqtOlLfSBcAgKBu3gLJ9uK3xcbAQeP9mE1gZ0kX/IY3n1VBbQ6ZYOPzK2pKJ9i5GzrWb1HbUYMh6r/u0vS5W.";

  @TempDir Path tmp;
  Path root;
  Path desired;
  Path planFile;

  @BeforeEach
  void tree() throws Exception {
    root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    desired = tmp.resolve("desired.hcl");
    Files.writeString(
        desired,
        Files.readString(SCENARIO.resolve("desired.hcl"))
            + "\nuser \"dave\" {\n  groups   = [\"ops\"]\n  password = { env = \"DAVE_PW\" }\n}\n");
    planFile = tmp.resolve("p.plan");
  }

  private Cli.Run ocsctl(String... args) {
    return Cli.runWith(Map.of("DAVE_PW", "correct horse battery staple"), "", args);
  }

  private Cli.Run plan() {
    return ocsctl(
        "plan",
        "-f",
        desired.toString(),
        "--root",
        root.toString(),
        "--state-dir",
        tmp.resolve("state").toString(),
        "-out",
        planFile.toString());
  }

  private Cli.Run apply() {
    return ocsctl(
        "apply",
        "-f",
        desired.toString(),
        "--root",
        root.toString(),
        "--state-dir",
        tmp.resolve("state").toString(),
        planFile.toString());
  }

  private ObjectNode saved() throws Exception {
    return (ObjectNode) JSON.readTree(Files.readString(planFile));
  }

  private ObjectNode file(ObjectNode plan, String path) {
    for (JsonNode f : plan.path("files")) {
      if (f.path("path").asString().equals(path)) {
        return (ObjectNode) f;
      }
    }
    throw new AssertionError("no file " + path + " in the plan");
  }

  @Test
  void anUntouchedPlanIsAppliedWithTheReviewedHashesThenNoChanges() throws Exception {
    assertEquals(0, plan().exitCode());
    String reviewed = file(saved(), "/etc/ocserv/ocpasswd").path("after").asString();
    Cli.Run run = apply();
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        reviewed,
        Files.readString(root.resolve("etc/ocserv/ocpasswd")),
        "dave's fresh hash is the one in the reviewed plan, not a new salt");
    Cli.Run again = ocsctl("plan", "-f", desired.toString(), "--root", root.toString());
    assertTrue(again.out().contains("No changes."), again.out());
  }

  @Test
  void aTargetEditedToLeaveTheRootIsRefused() throws Exception {
    assertEquals(0, plan().exitCode());
    Path victim = tmp.resolve("victim");
    Files.writeString(victim, "precious\n");
    ObjectNode plan = saved();
    file(plan, "/etc/ocserv/ocpasswd").put("target", root + "/../../../" + victim);
    Files.writeString(planFile, JSON.writeValueAsString(plan));
    Map<String, String> before = Trees.snapshot(root);
    Cli.Run run = apply();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.err().contains("is not what was reviewed"), run.err());
    assertEquals("precious\n", Files.readString(victim));
    assertEquals(before, Trees.snapshot(root));
  }

  @Test
  void aUserAppendedToTheOcpasswdContentIsRefused() throws Exception {
    assertEquals(0, plan().exitCode());
    ObjectNode plan = saved();
    ObjectNode passwd = file(plan, "/etc/ocserv/ocpasswd");
    passwd.put("after", passwd.path("after").asString() + BACKDOOR + "\n");
    Files.writeString(planFile, JSON.writeValueAsString(plan));
    Map<String, String> before = Trees.snapshot(root);
    Cli.Run run = apply();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(
        run.err()
            .contains(
                "the new content of /etc/ocserv/ocpasswd is not what the desired state gives"),
        run.err());
    assertFalse((run.out() + run.err()).contains("$6$saltsalt"), "the error names no hash");
    assertEquals(before, Trees.snapshot(root));
  }

  @Test
  void aSwappedHashForANewUserIsRefused() throws Exception {
    assertEquals(0, plan().exitCode());
    ObjectNode plan = saved();
    ObjectNode passwd = file(plan, "/etc/ocserv/ocpasswd");
    passwd.put(
        "after",
        passwd
            .path("after")
            .asString()
            .replaceAll(
                "(?m)^dave:([^:]*):.*$",
                "dave:$1:"
                    + BACKDOOR.substring(BACKDOOR.lastIndexOf(':') + 1).replace("$", "\\$")));
    Files.writeString(planFile, JSON.writeValueAsString(plan));
    Cli.Run run = apply();
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.err().contains("is not what was reviewed"), run.err());
  }

  @Test
  void thePlanFileCannotChooseTheDesiredStateOrTheRoot() throws Exception {
    assertEquals(0, plan().exitCode());
    Path evil = tmp.resolve("artifact/evil.hcl");
    Files.createDirectories(evil.getParent());
    Files.writeString(evil, Files.readString(desired).replace("user \"dave\"", "user \"mallory\""));
    ObjectNode plan = saved();
    plan.put("desired", evil.toString());
    Files.writeString(planFile, JSON.writeValueAsString(plan));
    Cli.Run noFile = ocsctl("apply", "--root", root.toString(), planFile.toString());
    assertEquals(1, noFile.exitCode());
    assertTrue(noFile.err().contains("-f FILE"), noFile.err());

    Path other = tmp.resolve("other");
    Trees.copy(SCENARIO.resolve("live"), other);
    Cli.Run elsewhere =
        ocsctl("apply", "-f", desired.toString(), "--root", other.toString(), planFile.toString());
    assertEquals(1, elsewhere.exitCode());
    assertTrue(elsewhere.err().contains("is for another server tree"), elsewhere.err());
  }

  @Test
  void aPlanFromAnotherDesiredStateIsStale() throws Exception {
    assertEquals(0, plan().exitCode());
    Path other = tmp.resolve("other.hcl");
    Files.writeString(
        other,
        Files.readString(desired).replace("\"max-clients\"       = 32", "\"max-clients\" = 64"));
    Cli.Run run =
        ocsctl("apply", "-f", other.toString(), "--root", root.toString(), planFile.toString());
    assertEquals(1, run.exitCode(), run.out());
    assertTrue(run.err().contains("is stale: the desired-state file changed"), run.err());
  }
}
