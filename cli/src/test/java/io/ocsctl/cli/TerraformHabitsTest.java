package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a Terraform user types works: suggestions, durations, -chdir, validate -json, fmt. */
class TerraformHabitsTest {
  static final Path SCENARIO = Path.of("src/test/resources/scenarios/basic-hcl");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;

  @Test
  void aMistypedCommandGetsASuggestion() {
    Cli.Run run = Cli.run("plna");
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("ocsctl has no command named \"plna\". Did you mean plan?"), run.err());
    assertFalse(run.err().contains("ocsctl ocsctl"), run.err());
    assertTrue(run.err().contains("run 'ocsctl --help' for the commands"), run.err());
  }

  @Test
  void aMistypedOptionGetsASuggestion() {
    Cli.Run run = Cli.run("plan", "-detailed-exitcod", "-f", "x.hcl");
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "unknown option -detailed-exitcod for 'ocsctl plan'. Did you mean"
                    + " -detailed-exitcode?"),
        run.err());
    assertTrue(run.err().contains("run 'ocsctl plan --help' for the options"), run.err());
  }

  @Test
  void lockTimeoutTakesDurations() {
    Durations d = new Durations();
    assertEquals(Duration.ofSeconds(10), d.convert("10s"));
    assertEquals(Duration.ofMinutes(2), d.convert("2m"));
    assertEquals(Duration.ofMinutes(90), d.convert("1h30m"));
    assertEquals(Duration.ofMillis(500), d.convert("500ms"));
    assertEquals(Duration.ofSeconds(30), d.convert("30"), "plain seconds still work");
    assertThrows(CommandLine.TypeConversionException.class, () -> d.convert("10x"));
    assertThrows(CommandLine.TypeConversionException.class, () -> d.convert("-5s"));
    Cli.Run bad = Cli.run("apply", "-f", "x.hcl", "-lock-timeout", "10x");
    assertTrue(bad.err().contains("'10x' is not a duration: write 10s, 2m"), bad.err());
  }

  @Test
  void applyTakesALockTimeoutInTerraformsForm() throws Exception {
    Path root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    String desired = SCENARIO.resolve("desired.hcl").toString();
    Cli.Run apply =
        Cli.run(
            "apply",
            "-f",
            desired,
            "--root",
            root.toString(),
            "-auto-approve",
            "-lock-timeout",
            "10s");
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertTrue(
        Cli.run("plan", "-f", desired, "--root", root.toString()).out().startsWith("No changes."));
  }

  @Test
  void applyJsonPrintsOnlyJsonOnStdout() throws Exception {
    Path root = tmp.resolve("root");
    Trees.copy(SCENARIO.resolve("live"), root);
    String desired = SCENARIO.resolve("desired.hcl").toString();
    Cli.Run asks = Cli.run("apply", "-json", "-f", desired, "--root", root.toString());
    assertEquals(1, asks.exitCode());
    PlanSchema.assertValidDiagnostics(asks.out());
    assertTrue(asks.out().contains("-json cannot ask for approval"), asks.out());

    Cli.Run apply =
        Cli.run("apply", "-json", "-auto-approve", "-f", desired, "--root", root.toString());
    assertEquals(0, apply.exitCode(), apply.err());
    JsonNode doc = JSON.readTree(apply.out()); // stdout is one JSON document, nothing else
    assertTrue(doc.path("success").asBoolean());
    assertEquals(1, doc.path("applied").path("change").asInt() > 0 ? 1 : 0, apply.out());
    assertEquals(40, doc.path("revision").asString().length(), apply.out());
    PlanSchema.assertValid(doc.path("plan").toString());
    assertTrue(apply.err().contains("Apply complete!"), "the person's text goes to stderr");
    assertTrue(
        Cli.run("plan", "-f", desired, "--root", root.toString()).out().startsWith("No changes."));
  }

  @Test
  void chdirRunsTheCommandInAnotherDirectory() throws Exception {
    Path dir = tmp.resolve("config");
    Trees.copy(SCENARIO, dir);
    Cli.Run run =
        Cli.run("-chdir=" + dir, "plan", "-f", "desired.hcl", "--root", "live", "-summary");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("~ user[\"bob\"]"), run.out());
    Cli.Run spaced = Cli.run("-chdir", dir.toString(), "validate", "-f", "desired.hcl");
    assertEquals(0, spaced.exitCode(), spaced.err());
    // -markdown-split writes its parts in the -chdir directory
    Cli.Run split =
        Cli.run(
            "-chdir=" + dir,
            "plan",
            "-f",
            "desired.hcl",
            "--root",
            "live",
            "-markdown",
            "-markdown-split",
            "4000");
    assertEquals(0, split.exitCode(), split.err());
    assertTrue(Files.exists(dir.resolve("ocsctl-plan-1.md")));

    Cli.Run missing = Cli.run("-chdir=" + tmp.resolve("nope"), "plan");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("is not a directory"), missing.err());
    Cli.Run after = Cli.run("plan", "-chdir=" + dir, "-f", "desired.hcl");
    assertTrue(after.err().contains("-chdir is a global option: put it before the command"));
  }

  @Test
  void validateJsonListsDiagnosticsWithPlaceAndFix() throws Exception {
    Cli.Run ok =
        Cli.run(
            "validate",
            "-json",
            "-no-ocserv-check",
            "-f",
            SCENARIO.resolve("desired.hcl").toString());
    assertEquals(0, ok.exitCode(), ok.err());
    PlanSchema.assertValidDiagnostics(ok.out());
    JsonNode valid = JSON.readTree(ok.out());
    assertTrue(valid.path("valid").asBoolean());
    assertEquals(0, valid.path("error_count").asInt());

    Path bad = tmp.resolve("bad.hcl");
    Files.writeString(
        bad,
        "version = 1\nserver {\n  settings = {\n    \"max-clinets\" = 3\n  }\n}\n"
            + "user \"a\" {\n  password_hash = \"$6$abcdefgh$secretsecretsecret\"\n  groups = [\"nope\"]\n}\n");
    Cli.Run run = Cli.run("validate", "-json", "-no-ocserv-check", "-f", bad.toString());
    assertEquals(1, run.exitCode());
    PlanSchema.assertValidDiagnostics(run.out());
    JsonNode doc = JSON.readTree(run.out());
    assertFalse(doc.path("valid").asBoolean());
    assertTrue(doc.path("error_count").asInt() >= 2, run.out());
    JsonNode first = doc.path("diagnostics").get(0);
    assertEquals("error", first.path("severity").asString());
    assertEquals(bad.toString(), first.path("file").asString());
    assertEquals(4, first.path("line").asInt());
    assertTrue(first.path("column").asInt() > 0);
    assertTrue(first.path("summary").asString().contains("max-clinets"), run.out());
    assertTrue(first.path("fix").asString().contains("max-clients"), run.out());
    assertFalse(run.out().contains("secretsecret"), "no hash in the diagnostics");
  }

  @Test
  void aFailingRunWithJsonPrintsJsonDiagnosticsOnStdout() throws Exception {
    Cli.Run plan = Cli.run("plan", "-json", "-f", tmp.resolve("missing.hcl").toString());
    assertEquals(1, plan.exitCode());
    PlanSchema.assertValidDiagnostics(plan.out());
    JsonNode doc = JSON.readTree(plan.out());
    assertEquals("plan", doc.path("command").asString());
    assertFalse(doc.path("success").asBoolean());
    assertEquals(1, doc.path("error_count").asInt());
    assertTrue(doc.path("diagnostics").get(0).path("summary").asString().length() > 0);
    assertFalse(plan.err().isEmpty(), "the human error still goes to stderr");

    Cli.Run drift = Cli.run("drift", "-json", "-f", tmp.resolve("missing.hcl").toString());
    assertEquals("drift", JSON.readTree(drift.out()).path("command").asString());
    Cli.Run show = Cli.run("show", "-json", tmp.resolve("missing.plan").toString());
    assertEquals(1, show.exitCode());
    assertEquals("show", JSON.readTree(show.out()).path("command").asString());
    Cli.Run usage = Cli.run("plan", "-json", "-nope");
    assertEquals(1, usage.exitCode());
    PlanSchema.assertValidDiagnostics(usage.out());
    PlanSchema.assertValidDiagnostics(show.out());
    PlanSchema.assertValidDiagnostics(drift.out());
    assertTrue(
        JSON.readTree(usage.out())
            .path("diagnostics")
            .get(0)
            .path("summary")
            .asString()
            .contains("unknown option -nope"));
    Cli.Run target = Cli.run("plan", "-json", "-f", "x.hcl", "-target", "usr[x]");
    JsonNode t = JSON.readTree(target.out()).path("diagnostics").get(0);
    assertEquals("-target", t.path("file").asString());
    assertNull(t.path("line").isNull() ? null : t.path("line"));
  }

  @Test
  void fmtRecursiveAndStdin() throws Exception {
    Path top = tmp.resolve("repo");
    Files.createDirectories(top.resolve("teams/eng"));
    Files.createDirectories(top.resolve(".git"));
    String ugly = "version=1\nuser \"a\" {\ngroups=[\"x\"]\n}\n";
    Files.writeString(top.resolve("main.hcl"), ugly);
    Files.writeString(top.resolve("teams/eng/users.hcl"), ugly);
    Files.writeString(top.resolve(".git/hidden.hcl"), ugly);
    Cli.Run flat = Cli.run("fmt", "-check", top.toString());
    assertEquals(3, flat.exitCode());
    assertFalse(flat.out().contains("users.hcl"), "without -recursive: top level only");
    Cli.Run deep = Cli.run("fmt", "-recursive", top.toString());
    assertEquals(0, deep.exitCode(), deep.err());
    assertTrue(deep.out().contains("teams/eng/users.hcl"), deep.out());
    assertFalse(deep.out().contains("hidden.hcl"), "hidden directories are skipped");
    assertEquals(ugly, Files.readString(top.resolve(".git/hidden.hcl")));
    assertEquals(0, Cli.run("fmt", "-check", "-recursive", top.toString()).exitCode());
    // -chdir and no argument: the current directory
    assertEquals(0, Cli.run("-chdir=" + top, "fmt", "-check").exitCode());

    Cli.Run stdin = Cli.runWith(Map.of(), ugly, "fmt", "-");
    assertEquals(0, stdin.exitCode(), stdin.err());
    assertEquals(Files.readString(top.resolve("main.hcl")), stdin.out());
    assertEquals(3, Cli.runWith(Map.of(), ugly, "fmt", "-check", "-").exitCode());
    assertEquals("", Cli.runWith(Map.of(), ugly, "fmt", "-check", "-").out());
    Cli.Run broken = Cli.runWith(Map.of(), "user \"a\" {\n", "fmt", "-");
    assertEquals(1, broken.exitCode());
    assertTrue(broken.err().startsWith("<stdin>:"), broken.err());
  }

  @Test
  void helpListsEveryExitCodeAndNoCommandIsCutMidSentence() {
    String help = Cli.run("--help").out();
    for (String code : new String[] {"0   ", "1   ", "2   ", "3   ", "4   ", "5   "}) {
      assertTrue(help.contains("\n  " + code), "exit code " + code + " in\n" + help);
    }
    assertTrue(help.contains("OCSCTL_LOG=debug"), help);
    assertTrue(help.contains("-chdir=DIR"), help);
    assertFalse(help.contains("generate-completion"), "the package's hidden command");
    String commands = help.substring(help.indexOf("Commands:") + 10, help.indexOf("Exit codes:"));
    // each entry (a name, then its wrapped first description line) is a whole sentence
    for (String entry : commands.strip().split("\n(?=  \\S)")) {
      String text = entry.strip().replaceAll("\\s+", " ");
      assertTrue(text.matches(".*[.)?]"), "cut mid-sentence: " + text);
    }
  }
}
