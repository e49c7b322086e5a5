package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code -target}: the emergency "lock this one user now" plans and applies that user only, with
 * Terraform's warning in every format, needs none of the other users' secrets, and a saved plan
 * keeps its targets.
 */
class TargetTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");
  static final String BOB = "user[\"bob\"]";
  static final String WARNING = "Resource targeting is in effect (-target user[\"bob\"])";

  @TempDir Path tmp;
  Path root;
  String desired;

  @BeforeEach
  void tree() throws Exception {
    root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    // carol's password now comes from a variable this run does not set: a full plan fails on it
    Path file = tmp.resolve("desired.hcl");
    Files.writeString(
        file,
        Files.readString(SCENARIO.resolve("desired.hcl"))
            .replaceFirst(
                "(user \"carol\" \\{\\s*groups\\s*=\\s*\\[\"contractors\"\\]\\s*)password_hash\\s*=\\s*\"[^\"]*\"",
                "$1password = { env = \"CAROL_PW\" }"));
    assertTrue(Files.readString(file).contains("CAROL_PW"));
    desired = file.toString();
  }

  private Cli.Run ocsctl(String... args) {
    return Cli.run(args);
  }

  private List<String> withTree(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("-f", desired, "--root", root.toString()));
    return all;
  }

  private Cli.Run run(String... args) {
    return ocsctl(withTree(args).toArray(String[]::new));
  }

  @Test
  void aTargetedPlanShowsOnlyThatResourceAndWarnsInEveryFormat() throws Exception {
    Cli.Run full = run("plan");
    assertEquals(1, full.exitCode(), "the full plan needs CAROL_PW");
    assertTrue(full.err().contains("CAROL_PW"), full.err());

    Cli.Run text = run("plan", "-target", BOB, "-detailed-exitcode");
    assertEquals(2, text.exitCode(), text.out() + text.err());
    assertTrue(text.out().contains("~ user[\"bob\"] {"), text.out());
    assertTrue(text.out().contains("~ locked = \"false\" -> \"true\""), text.out());
    assertFalse(text.out().contains("user[\"mallory\"]"), "nothing else is planned: " + text.out());
    assertFalse(text.out().contains("vhost["), text.out());
    assertTrue(text.out().contains("Plan: 0 to add, 1 to change, 0 to destroy."), text.out());
    assertTrue(text.out().contains("Warning: " + WARNING), text.out());

    JsonNode json =
        JsonMapper.builder().build().readTree(run("plan", "-target", BOB, "-json").out());
    assertEquals("1.4", json.path("format_version").asString());
    assertEquals(BOB, json.path("targets").get(0).asString());
    assertEquals("targeted", json.path("warnings").get(0).path("kind").asString());
    assertEquals(1, json.path("resource_changes").size());
    PlanSchema.assertValid(run("plan", "-target", BOB, "-json").out());

    assertTrue(run("plan", "-target", BOB, "-markdown").out().contains("> **Warning:** "));
    String summary = run("plan", "-target", BOB, "-summary").out();
    assertTrue(summary.startsWith("~ user[\"bob\"]"), summary);
    assertTrue(summary.contains("Warning: " + WARNING), summary);
  }

  @Test
  void applyingATargetChangesOnlyThatUserAndTheRestStaysPending() throws Exception {
    String before = Files.readString(root.resolve("etc/ocserv/ocserv.conf"));
    Cli.Run apply = run("apply", "-auto-approve", "-target", BOB);
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.out().contains("Warning: " + WARNING), apply.out());
    assertTrue(apply.err().contains("warning: applied changes may be incomplete"), apply.err());
    assertTrue(
        Files.readString(root.resolve("etc/ocserv/ocpasswd")).contains("bob:engineering,ops:!"));
    assertEquals(before, Files.readString(root.resolve("etc/ocserv/ocserv.conf")));
    assertTrue(
        Files.readString(root.resolve("etc/ocserv/ocpasswd")).contains("mallory:"),
        "mallory's pending deletion is not applied");

    Cli.Run again = run("plan", "-target", BOB);
    assertTrue(
        again.out().startsWith("No changes. The targeted resources match the desired state."),
        again.out());
    // the rest is still there for a full plan, which then applies and ends with No changes.
    Map<String, String> env = Map.of("CAROL_PW", "Carol-Pw-1");
    Cli.Run rest = Cli.runWith(env, "", withTree("plan").toArray(String[]::new));
    assertTrue(rest.out().contains("- user[\"mallory\"]"), rest.out());
    assertFalse(rest.out().contains("~ user[\"bob\"]"), rest.out());
    assertEquals(
        0,
        Cli.runWith(
                env,
                "",
                withTree("apply", "-auto-approve", "-allow-mass-destroy").toArray(String[]::new))
            .exitCode());
    assertTrue(
        Cli.runWith(env, "", withTree("plan").toArray(String[]::new))
            .out()
            .startsWith("No changes."));
  }

  @Test
  void aSavedPlanKeepsItsTargets() throws Exception {
    Path plan = tmp.resolve("bob.plan");
    Cli.Run saved = run("plan", "-target", BOB, "-out", plan.toString());
    assertEquals(0, saved.exitCode(), saved.err());
    assertTrue(Files.readString(plan).contains("\"targets\":[\"user[\\\"bob\\\"]\"]"));
    assertTrue(ocsctl("show", plan.toString()).out().contains("Warning: " + WARNING));

    Cli.Run refused = run("apply", "-target", "user[\"alice\"]", plan.toString());
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("-target cannot be given with a saved plan"), refused.err());

    Cli.Run apply = run("apply", plan.toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.out().contains("Apply complete! Resources: 0 added, 1 changed"), apply.out());
    assertTrue(run("plan", "-target", BOB).out().startsWith("No changes."));
  }

  @Test
  void anUnknownTargetIsRefusedWithASuggestion() {
    Cli.Run typo = run("plan", "-target", "user[\"bbo\"]");
    assertEquals(1, typo.exitCode());
    assertTrue(typo.err().contains("user[\"bbo\"] names no resource"), typo.err());
    assertTrue(typo.err().contains("did you mean -target 'user[\"bob\"]'?"), typo.err());
    Cli.Run syntax = run("plan", "-target", "user.bob");
    assertEquals(1, syntax.exitCode());
    assertTrue(syntax.err().contains("is not a resource address"), syntax.err());
  }

  @Test
  void aTargetedNewUserBringsTheNewGroupItNeeds() {
    Map<String, String> env = Map.of("CAROL_PW", "Carol-Pw-1");
    Cli.Run plan =
        Cli.runWith(
            env,
            "",
            withTree("plan", "-summary", "-target", "user[\"carol\"]").toArray(String[]::new));
    assertEquals(0, plan.exitCode(), plan.err());
    assertTrue(plan.out().contains("+ user[\"carol\"]"), plan.out());
    assertTrue(plan.out().contains("+ group[\"contractors\"]"), plan.out());
    assertFalse(plan.out().contains("user[\"bob\"]"), plan.out());
  }
}
