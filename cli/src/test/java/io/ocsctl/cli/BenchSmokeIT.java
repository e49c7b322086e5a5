package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.Binaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The benchmark at a small N, as a smoke test and not a timing (issue #10): bench/run.sh generates
 * an estate and runs plan, plan with drift, apply and import through the ./ocsctl launcher, which
 * also builds the class-data archive from its training run. Any command failing fails the script.
 */
class BenchSmokeIT {
  @Test
  void theBenchmarkRunsEveryCommandOnASmallEstate() throws Exception {
    Binaries.require("python3");
    Binaries.require("time"); // GNU time, /usr/bin/time
    Path repo = Path.of("..").toAbsolutePath().normalize();
    Path out = Path.of("target/bench-smoke").toAbsolutePath();
    Path log = Path.of("target/bench-smoke.log").toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder("bash", repo.resolve("bench/run.sh").toString(), "200")
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("SMOKE", "1");
    pb.environment().put("RUNS", "1");
    pb.environment().put("OUT", out.toString());
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "bench/run.sh took over 10 minutes");
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.contains("N=200 plan="), text);
    assertTrue(
        Files.isRegularFile(repo.resolve("cli/target/ocsctl.jsa")),
        "the launcher trained the archive");
  }
}
