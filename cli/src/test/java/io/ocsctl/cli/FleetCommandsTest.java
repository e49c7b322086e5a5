package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet commands. Golden folders {@code fleets/NAME/} hold a fleet (fleet.hcl, shared/,
 * hosts/), one live tree per host under {@code live/}, and the approved output of {@code fleet
 * plan} as text ({@code plan.approved.txt}) and Markdown ({@code plan-markdown.approved.md}).
 */
class FleetCommandsTest {
  static final Path FLEETS = Path.of("src/test/resources/fleets");

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> fleetPlans() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(FLEETS)) {
      for (Path dir : dirs.sorted().toList()) {
        tests.add(
            DynamicTest.dynamicTest(dir.getFileName() + ": fleet plan", () -> golden(dir, "plan")));
        tests.add(
            DynamicTest.dynamicTest(
                dir.getFileName() + ": fleet plan -markdown", () -> golden(dir, "plan-markdown")));
      }
    }
    return tests.stream();
  }

  private void golden(Path dir, String name) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "fleet", "plan", "-f", dir.toString(), "-live", dir.resolve("live").toString()));
    if (name.endsWith("markdown")) {
      args.add("-markdown");
    }
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    Secrets.assertNoneIn(dir, run.out() + run.err());
    Approvals.verify(
        "exit code: " + run.exitCode() + "\n" + run.out() + run.err(),
        new Options()
            .withReporter(new QuietReporter())
            .forFile()
            .withNamer(new ScenarioNamer(dir, name))
            .forFile()
            .withExtension(name.endsWith("markdown") ? ".md" : ".txt"));
  }

  /** A copy of the three-host fleet in {@link #tmp}, live trees included. */
  private Path fleet() throws IOException {
    Path copy = tmp.resolve("fleet");
    Trees.copy(FLEETS.resolve("three-hosts"), copy);
    return copy;
  }

  @Test
  void planApplyAndDriftTakeAHostOfTheFleet() throws IOException {
    Path fleet = fleet();
    String root = fleet.resolve("live/us-1").toString();
    Cli.Run plan =
        Cli.run("plan", "-f", fleet.toString(), "-host", "us-1", "--root", root, "-summary");
    assertEquals(0, plan.exitCode(), plan.err());
    assertEquals(
        "~ server                update  reload\n~ group[\"engineering\"]  update  next-connect\n",
        plan.out());

    Cli.Run drift =
        Cli.run(
            "drift", "-f", fleet.toString(), "-host", "us-1", "--root", root, "-no-server-check");
    assertTrue(drift.exitCode() == 2 || drift.exitCode() == 4, drift.out() + drift.err());

    Cli.Run apply =
        Cli.run("apply", "-f", fleet.toString(), "-host", "us-1", "--root", root, "-auto-approve");
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    Cli.Run again = Cli.run("plan", "-f", fleet.toString(), "-host", "us-1", "--root", root);
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("No changes."), again.out());
    drift =
        Cli.run(
            "drift", "-f", fleet.toString(), "-host", "us-1", "--root", root, "-no-server-check");
    assertEquals(0, drift.exitCode(), drift.out() + drift.err());

    // the drift stamp follows the host's files: an overlay edited since is seen
    Files.writeString(
        fleet.resolve("hosts/us-1.hcl"),
        Files.readString(fleet.resolve("hosts/us-1.hcl")).replace("10.40.0.0/16", "10.41.0.0/16"));
    drift =
        Cli.run(
            "drift", "-f", fleet.toString(), "-host", "us-1", "--root", root, "-no-server-check");
    assertEquals(4, drift.exitCode(), drift.out() + drift.err());
  }

  @Test
  void renderWritesTheHostsWholeStateThatPlansLikeTheFleetHost() throws IOException {
    Path fleet = fleet();
    Path out = tmp.resolve("eu-1.hcl");
    Cli.Run render =
        Cli.run("render", "-f", fleet.toString(), "-host", "eu-1", "-o", out.toString());
    assertEquals(0, render.exitCode(), render.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertEquals(0, Cli.run("fmt", "-check", out.toString()).exitCode(), "canonical");
    String root = fleet.resolve("live/eu-1").toString();
    Cli.Run viaFleet = Cli.run("plan", "-f", fleet.toString(), "-host", "eu-1", "--root", root);
    Cli.Run viaFile = Cli.run("plan", "-f", out.toString(), "--root", root);
    assertEquals(viaFleet.out(), viaFile.out());
    assertTrue(viaFile.out().contains("user[\"eu-oncall\"]"), viaFile.out());

    Path yaml = tmp.resolve("eu-1.yaml");
    assertEquals(
        0,
        Cli.run("render", "-f", fleet.toString(), "-host", "eu-1", "-o", yaml.toString())
            .exitCode());
    assertEquals(viaFleet.out(), Cli.run("plan", "-f", yaml.toString(), "--root", root).out());
  }

  @Test
  void fleetValidateNamesEveryInvalidHostAndItsErrors() throws IOException {
    Path fleet = fleet();
    assertEquals(0, Cli.run("fleet", "validate", "-f", fleet.toString()).exitCode());
    Files.writeString(
        fleet.resolve("hosts/us-1.hcl"),
        "user \"alice\" {\n  password_hash = \""
            + "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/"
            + "\"\n}\n",
        java.nio.file.StandardOpenOption.APPEND);
    Cli.Run run = Cli.run("fleet", "validate", "-f", fleet.toString());
    assertEquals(1, run.exitCode());
    assertEquals(
        "ok      eu-1\ninvalid us-1\nok      staging\n1 of 3 hosts are invalid.\n", run.out());
    assertTrue(
        run.err()
            .contains(
                "hosts/us-1.hcl:10:1: error: user \"alice\" is declared by this overlay and by the shared files at "),
        run.err());
    assertTrue(run.err().contains("shared/users.hcl:20"), run.err());
    Secrets.assertNoneIn(fleet, run.out() + run.err());
  }

  @Test
  void anUnknownHostOrAMissingFleetFileIsAClearError() throws IOException {
    Cli.Run run =
        Cli.run("plan", "-f", fleet().toString(), "-host", "us-2", "--root", tmp.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("the fleet has no host \"us-2\""), run.err());
    run = Cli.run("validate", "-f", tmp.resolve("fleet/shared").toString(), "-host", "us-1");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("holds no fleet.hcl, fleet.yaml or fleet.yml"), run.err());
  }

  @Test
  void driftLabelsEveryMetricWithTheFleetHostName() throws IOException {
    Path fleet = fleet();
    String root = fleet.resolve("live/staging").toString();
    Path prom = tmp.resolve("staging.prom");
    Cli.Run run =
        Cli.run(
            "drift",
            "-f",
            fleet.toString(),
            "-host",
            "staging",
            "--root",
            root,
            "-no-server-check",
            "-prometheus",
            prom.toString());
    assertEquals(2, run.exitCode(), run.out() + run.err());
    String metrics = Files.readString(prom);
    assertTrue(
        metrics.contains("ocsctl_drift_resources{host=\"staging\",kind=\"group\"} 1"), metrics);
    assertTrue(metrics.contains("ocsctl_drift_status{host=\"staging\"} 2"), metrics);
    for (String line : metrics.lines().filter(l -> !l.startsWith("#")).toList()) {
      assertTrue(line.contains("{host=\"staging\""), line);
    }

    // the drift timer on a host checks the rendered file and names the host with -fleet-host
    Path rendered = tmp.resolve("staging.hcl");
    assertEquals(
        0,
        Cli.run("render", "-f", fleet.toString(), "-host", "staging", "-o", rendered.toString())
            .exitCode());
    run =
        Cli.run(
            "drift",
            "-f",
            rendered.toString(),
            "--root",
            root,
            "-no-server-check",
            "-prometheus",
            prom.toString(),
            "-fleet-host",
            "stage-2");
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(Files.readString(prom).contains("ocsctl_drift_status{host=\"stage-2\"} 2"));

    run = Cli.run("drift", "-f", rendered.toString(), "--root", root, "-fleet-host", "a\"b");
    assertTrue(run.exitCode() != 0 && !Files.readString(prom).contains("a\"b"), run.err());
    assertTrue(run.err().contains("-fleet-host"), run.err());
  }

  @Test
  void fleetRenderWritesEveryHostAsRenderDoes() throws IOException {
    Path fleet = fleet();
    Path dir = tmp.resolve("rendered");
    Cli.Run all = Cli.run("fleet", "render", "-f", fleet.toString(), "-o", dir.toString());
    assertEquals(0, all.exitCode(), all.err());
    for (String host : List.of("eu-1", "us-1", "staging")) {
      Path one = tmp.resolve(host + ".hcl");
      assertEquals(
          0,
          Cli.run("render", "-f", fleet.toString(), "-host", host, "-o", one.toString())
              .exitCode());
      String expected = Files.readString(one).replace("'ocsctl render'", "'ocsctl fleet render'");
      assertEquals(expected, Files.readString(dir.resolve(host + ".hcl")), host);
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(host + ".hcl"))));
    }
  }
}
