package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ocsctl.providers.Binaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as an admin gets it (issue #21): packaging/build-deb.sh builds it from the
 * shaded jar, real {@code dpkg -i} installs it, and the installed {@code ocsctl} answers {@code
 * --version}, plans the example with its own runtime, has a man page and a bash completion, and
 * links no X11 or ALSA library; then {@code dpkg -r} removes it. It installs a system package, so
 * it runs in CI ({@code CI=true}) or when {@code OCSCTL_TEST_DEB=1}.
 */
class DebPackageIT {
  @TempDir Path tmp;

  @Test
  void theInstalledPackagePlansTheExample() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    assumeTrue(
        ci || "1".equals(System.getenv("OCSCTL_TEST_DEB")),
        "installs a system package with dpkg -i: runs in CI, or with OCSCTL_TEST_DEB=1");
    for (String tool : List.of("dpkg", "dpkg-deb", "jlink", "help2man", "man")) {
      Binaries.require(tool);
    }
    Path repo = Path.of("..").toAbsolutePath().normalize();
    String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    String built =
        Commands.run(
                repo,
                600,
                "bash",
                repo.resolve("packaging/build-deb.sh").toString(),
                version,
                repo.resolve("cli/target/ocsctl.jar").toString(),
                tmp.resolve("dist").toString())
            .strip();
    String deb =
        built.substring(built.lastIndexOf('\n') + 1); // the script's last line names the package
    assertTrue(deb.endsWith("_amd64.deb"), deb);
    assertTrue(Files.isRegularFile(tmp.resolve("dist/ocsctl-" + version + "-linux-amd64.tar.gz")));
    Commands.run(repo, 120, "dpkg", "-i", deb);
    try {
      assertEquals(
          "ocsctl " + version, Commands.run(repo, 60, "/usr/bin/ocsctl", "--version").strip());
      Path live = tmp.resolve("live");
      Trees.copy(repo.resolve("examples/basic/live"), live);
      String plan =
          Commands.run(
              repo,
              60,
              "/usr/bin/ocsctl",
              "plan",
              "-f",
              repo.resolve("examples/basic/desired.hcl").toString(),
              "--root",
              live.toString());
      assertTrue(plan.contains("Plan: "), plan);
      String man = Commands.run(repo, 60, "man", "-P", "cat", "ocsctl");
      assertTrue(man.contains("ocsctl") && man.contains("Exit codes"), man);
      String completion = "/usr/share/bash-completion/completions/ocsctl";
      Commands.run(repo, 30, "bash", "-n", completion);
      String words =
          Commands.run(
              repo,
              30,
              "bash",
              "-c",
              "source "
                  + completion
                  + " && COMP_WORDS=(ocsctl pl) COMP_CWORD=1 && _complete_ocsctl ocsctl pl ocsctl; echo \"${COMPREPLY[@]}\"");
      assertEquals("plan", words.strip());
      assertTrue(
          Files.isRegularFile(Path.of("/usr/lib/ocsctl/ocsctl.jsa")),
          "the class-data archive is built in");
      for (String script :
          List.of("ocsctl-install.sh", "ocsctl-plan.sh", "ocsctl-apply.sh", "ocsctl-comment.py")) {
        assertTrue(
            Files.isExecutable(Path.of("/usr/share/ocsctl/ci", script)),
            script + ": the GitLab template runs the scripts from the package");
      }
      for (String unit :
          List.of(
              "ocsctl-drift.service",
              "ocsctl-drift.timer",
              "ocsctl-lifecycle.service",
              "ocsctl-lifecycle.timer",
              "ocsctl-recover.service")) {
        assertTrue(Files.isRegularFile(Path.of("/usr/lib/systemd/system", unit)), unit);
      }
      try (Stream<Path> libs = Files.walk(Path.of("/usr/lib/ocsctl/runtime/lib"))) {
        for (Path lib : libs.filter(p -> p.toString().endsWith(".so")).toList()) {
          String linked = Commands.run(repo, 30, "ldd", lib.toString());
          assertFalse(
              linked.contains("libX11") || linked.contains("libasound"), lib + ":\n" + linked);
        }
      }
    } finally {
      Commands.run(repo, 120, "dpkg", "-r", "ocsctl");
    }
    assertFalse(Files.exists(Path.of("/usr/bin/ocsctl")), "dpkg -r left /usr/bin/ocsctl");
  }
}
