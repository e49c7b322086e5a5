package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.Binaries;
import io.ocsctl.providers.ocserv.OcservCheck;
import io.ocsctl.schema.DesiredStates;
import io.ocsctl.schema.model.DesiredState;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of issue #17: for every tree under {@code resources/fidelity/}, the real
 * {@code ocserv -t} and ocsctl agree on accept or reject, and every accepted tree survives the
 * round trip import → plan "No changes." → apply changes no byte → a one-line edit changes one line
 * → plan "No changes." (the cases' README says what each file holds).
 */
class OcservFidelityTest {
  static final Path CASES = Path.of("src/test/resources/fidelity");
  private static final String CONF = "etc/ocserv/ocserv.conf";

  @TempDir static Path keys;
  @TempDir Path tmp;

  @BeforeAll
  static void certificate() throws Exception {
    Path certtool = Binaries.require("certtool");
    Files.writeString(keys.resolve("template"), "cn = fidelity\nexpiration_days = 30\n");
    Commands.run(
        keys,
        60,
        certtool.toString(),
        "--generate-privkey",
        "--outfile",
        keys.resolve("key.pem").toString());
    Commands.run(
        keys,
        60,
        certtool.toString(),
        "--generate-self-signed",
        "--load-privkey",
        keys.resolve("key.pem").toString(),
        "--template",
        keys.resolve("template").toString(),
        "--outfile",
        keys.resolve("cert.pem").toString());
  }

  @TestFactory
  Stream<DynamicTest> ocservAndOcsctlAgree() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(CASES)) {
      dirs.filter(Files::isDirectory)
          .sorted()
          .forEach(
              dir ->
                  tests.add(
                      DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir))));
    }
    assertTrue(tests.size() >= 12, "fidelity cases missing: " + tests.size());
    return tests.stream();
  }

  private void check(Path dir) throws Exception {
    Properties spec = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve("case.properties"))) {
      spec.load(in);
    }
    Path work = Files.createDirectories(tmp.resolve(dir.getFileName().toString()));
    Path root = work.resolve("root");
    Trees.copy(dir.resolve("live"), root);
    Files.copy(keys.resolve("cert.pem"), root.resolve("etc/ocserv/server-cert.pem"));
    Files.copy(keys.resolve("key.pem"), root.resolve("etc/ocserv/server-key.pem"));

    Binaries.require("ocserv");
    String confText = new String(Files.readAllBytes(root.resolve(CONF)), StandardCharsets.UTF_8);
    OcservCheck.Outcome ocserv = OcservCheck.check(confText, root);
    assertEquals(
        spec.getProperty("ocserv"),
        ocserv.ok() ? "accept" : "reject",
        "ocserv -t: " + ocserv.errors());

    Path desired = work.resolve("desired.hcl");
    Cli.Run imported = Cli.run("import", "--root", root.toString(), "-o", desired.toString());
    if (spec.getProperty("ocserv").equals("reject")
        || "refuse".equals(spec.getProperty("ocsctl"))) {
      // ocsctl=refuse: ocserv reads it, ocsctl refuses on purpose (docs/ocserv-files.md says why)
      assertNotEquals(0, imported.exitCode(), "ocsctl must refuse this tree: " + imported.out());
      assertTrue(imported.err().contains(spec.getProperty("refuse")), imported.err());
      return;
    }
    assertEquals(0, imported.exitCode(), imported.out() + imported.err());
    for (String warning : list(spec, "warnings", "\\|")) {
      assertTrue(
          imported.err().contains(warning), "no warning '" + warning + "' in:\n" + imported.err());
    }
    DesiredState state = DesiredStates.load(desired).state();
    if (spec.getProperty("users") != null) {
      assertEquals(list(spec, "users", ","), List.copyOf(state.users().keySet()));
    }
    if (spec.getProperty("groups") != null) {
      assertEquals(list(spec, "groups", ","), List.copyOf(state.groups().keySet()));
    }
    Path yaml = work.resolve("desired.yaml");
    assertEquals(0, Cli.run("import", "--root", root.toString(), "-o", yaml.toString()).exitCode());
    assertNoChanges(yaml, root);
    assertNoChanges(desired, root);

    Map<String, String> before = snapshot(root);
    Cli.Run apply =
        Cli.run("apply", "-f", desired.toString(), "--root", root.toString(), "-auto-approve");
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertEquals(before, snapshot(root), "an apply without changes changed the tree");

    if (spec.getProperty("edit.key") != null) {
      List<String> confBefore = lines(root.resolve(CONF));
      edit(
          desired,
          Pattern.compile("(\"" + Pattern.quote(spec.getProperty("edit.key")) + "\"\\s*=\\s*)\\S+"),
          "$1" + spec.getProperty("edit.to"));
      applyAndConverge(desired, root);
      List<String> confAfter = lines(root.resolve(CONF));
      assertEquals(confBefore.size(), confAfter.size(), String.join("\n", confAfter));
      List<String> changed = new ArrayList<>();
      for (int i = 0; i < confBefore.size(); i++) {
        if (!confBefore.get(i).equals(confAfter.get(i))) {
          changed.add(confAfter.get(i));
        }
      }
      assertEquals(List.of(spec.getProperty("edit.line").replace("\\r", "\r")), changed);
    }
    if (spec.getProperty("passwd.user") != null) {
      Path passwd =
          spec.getProperty("passwd.file") != null
              ? root.resolve(spec.getProperty("passwd.file"))
              : passwdFile(root);
      List<String> passwdBefore = lines(passwd);
      String block =
          "(?m)^(user \"" + Pattern.quote(spec.getProperty("passwd.user")) + "\" \\{\\n)";
      if (spec.getProperty("passwd.locked") != null) {
        edit(desired, Pattern.compile(block), "$1  locked = true\n");
      } else {
        String groups =
            list(spec, "passwd.groups", ",").stream()
                .map(g -> "\"" + g + "\"")
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        edit(
            desired,
            Pattern.compile(block + "(\\s*groups\\s*=\\s*)\\[[^\\]]*\\]"),
            "$1$2[" + Matcher.quoteReplacement(groups) + "]");
      }
      applyAndConverge(desired, root);
      List<String> passwdAfter = lines(passwd);
      int changed = 0;
      for (int i = 0; i < Math.max(passwdBefore.size(), passwdAfter.size()); i++) {
        if (i >= passwdBefore.size()
            || i >= passwdAfter.size()
            || !passwdBefore.get(i).equals(passwdAfter.get(i))) {
          changed++;
        }
      }
      assertEquals(
          Integer.parseInt(spec.getProperty("passwd.lines")),
          changed,
          "lines changed in the ocpasswd file:\n"
              + String.join("\n", passwdAfter).replaceAll("\\$[^:]*", "(hash)"));
    }
  }

  private static void applyAndConverge(Path desired, Path root) {
    Cli.Run apply =
        Cli.run("apply", "-f", desired.toString(), "--root", root.toString(), "-auto-approve");
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertNoChanges(desired, root);
  }

  private static void assertNoChanges(Path desired, Path root) {
    Cli.Run plan =
        Cli.run("plan", "-f", desired.toString(), "--root", root.toString(), "-detailed-exitcode");
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("No changes."), plan.out());
  }

  private static void edit(Path file, Pattern find, String replacement) throws IOException {
    String text = Files.readString(file);
    Matcher m = find.matcher(text);
    assertTrue(m.find(), "nothing to edit in:\n" + text);
    Files.writeString(file, m.replaceFirst(replacement));
  }

  private static Path passwdFile(Path root) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("etc/ocserv"))) {
      return files
          .filter(p -> p.getFileName().toString().contains("passwd"))
          .findFirst()
          .orElseThrow();
    }
  }

  /** The file's lines as bytes decoded one to one, CRs kept, so every byte counts. */
  private static List<String> lines(Path file) throws IOException {
    return Arrays.asList(
        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n", -1));
  }

  private static List<String> list(Properties spec, String key, String separator) {
    String value = spec.getProperty(key, "");
    return value.isEmpty() ? List.of() : List.of(value.split(separator, -1));
  }

  /** Every file under the root except ocsctl's state directory, as sha256 and mode. */
  private static Map<String, String> snapshot(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String key = root.relativize(p).toString();
        if (Files.isRegularFile(p) && !key.startsWith("var/lib/ocsctl")) {
          byte[] hash =
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
          out.put(key, HexFormat.of().formatHex(hash) + " " + Files.getPosixFilePermissions(p));
        }
      }
    }
    return out;
  }
}
