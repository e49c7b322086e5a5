package io.ocsctl.schema.load;

import static org.junit.jupiter.api.Assertions.fail;

import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Fuzzes both loaders with generated documents made of the tokens that matter (braces, quotes,
 * escapes, labels, keys, comments, control characters): every input ends in a clean {@link
 * InvalidInputException} or a valid model, never in another exception or a hang.
 *
 * <p>20,000 inputs, kept cheap: the files go to a tmpfs when there is one (rewriting a file on ext4
 * flushes it on close, which made the writes most of the test's time), and one worker thread loads
 * every input under the 10 s hang limit (a thread per input cost 20,000 thread starts); a hung
 * worker is abandoned and replaced.
 */
class LoaderFuzzTest {
  private static final Path SHM = Path.of("/dev/shm");
  private static final Duration HANG = Duration.ofSeconds(10);

  private final Path dir;
  private ExecutorService worker = newWorker();

  LoaderFuzzTest() throws Exception {
    dir =
        Files.isDirectory(SHM) && Files.isWritable(SHM)
            ? Files.createTempDirectory(SHM, "ocsctl-fuzz")
            : Files.createTempDirectory("ocsctl-fuzz");
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "loader-fuzz");
          t.setDaemon(true);
          return t;
        });
  }

  @AfterProperty
  void cleanUp() throws Exception {
    worker.shutdownNow();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  @Property(tries = 10_000)
  void hclInputsFailCleanlyOrLoad(@ForAll("hcl") String text) throws Exception {
    loadOrReject("fuzz.hcl", text);
  }

  @Property(tries = 10_000)
  void yamlInputsFailCleanlyOrLoad(@ForAll("yaml") String text) throws Exception {
    loadOrReject("fuzz.yaml", text);
  }

  private void loadOrReject(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    Future<?> load =
        worker.submit(
            () -> {
              try {
                DesiredStates.load(file);
              } catch (InvalidInputException expected) {
                // a clean, placed error is the normal outcome of garbage
              }
              return null;
            });
    try {
      load.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException hung) {
      worker.shutdownNow();
      worker = newWorker();
      fail("loading took more than " + HANG.toSeconds() + " s (a hang) for " + name + ":\n" + text);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw (Error) e.getCause();
    }
  }

  @Provide
  Arbitrary<String> hcl() {
    Arbitrary<String> token =
        Arbitraries.oneOf(
            Arbitraries.of(
                "server",
                "user",
                "group",
                "vhost",
                "firewall_policy",
                "settings",
                "groups",
                "password_hash",
                "locked",
                "firewall",
                "version",
                "{",
                "}",
                "[",
                "]",
                "=",
                ",",
                "\"",
                "\\",
                "\n",
                " ",
                "#",
                "//",
                "/*",
                "*/",
                "<<EOF",
                "EOF",
                "${",
                "$$",
                ":",
                "..",
                "/",
                "\t",
                "\r",
                "\u0000",
                "\u00e9",
                "true",
                "1",
                "443.0",
                "-"),
            Arbitraries.strings().ofMaxLength(6));
    return token.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> yaml() {
    Arbitrary<String> token =
        Arbitraries.oneOf(
            Arbitraries.of(
                "server:",
                "user:",
                "group:",
                "vhost:",
                "settings:",
                "groups:",
                "password_hash:",
                "locked:",
                "  ",
                "\n",
                "- ",
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "\"",
                "'",
                "&a",
                "*a",
                "!!str",
                "---",
                "...",
                "#",
                "|",
                ">",
                "\t",
                "\u0000",
                "? ",
                "%YAML 1.2",
                "true",
                "1",
                "alice",
                "$6$",
                "\\n"),
            Arbitraries.strings().ofMaxLength(6));
    return token.list().ofMaxSize(40).map(l -> String.join("", l));
  }
}
