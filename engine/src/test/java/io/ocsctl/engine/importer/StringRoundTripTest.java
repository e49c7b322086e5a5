package io.ocsctl.engine.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.load.DesiredStateLoader;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Server;
import io.ocsctl.schema.model.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Any string without control characters survives both writers and the loader unchanged, as an
 * option value, a list element, an option name and a block label: quotes, backslashes,
 * {@code %{}, YAML indicators and keywords, numbers that are not canonical. The strings hcl4j
 * cannot read back ({@code ${}, a lone {@code $} before a quote or backslash) are refused by the
 * HCL writer with a pointer to YAML, which keeps them.
 */
class StringRoundTripTest {
  static final List<String> TRICKY =
      List.of(
          "${HOME}",
          "$${x}",
          "$$",
          "$",
          "x$",
          "$\"",
          "$\\",
          "$$\"",
          "a$$$\\",
          "%{if}",
          "%%{x}",
          "%",
          "\\",
          "\\\\",
          "\"",
          "\"quoted\"",
          "a\"b",
          "'",
          "0755",
          "+1",
          "-0",
          "1e3",
          "0x1F",
          "1_000",
          "1.0",
          ".5",
          "1000000000000000",
          "true",
          "TRUE",
          "yes",
          "No",
          "on",
          "OFF",
          "null",
          "Null",
          "~",
          "-",
          "- x",
          "? x",
          ": x",
          "a: b",
          "a #b",
          "#x",
          "!tag",
          "&a",
          "*a",
          "|",
          ">",
          "@x",
          "`x`",
          "[x]",
          "{x}",
          "a,b",
          " lead",
          "trail ",
          "  ",
          "é",
          "中文",
          "€ ß",
          "=",
          "a = b",
          "//x",
          "/*x*/",
          "<<EOF",
          "10.0.0.0/8",
          "192.168.1.1",
          "2.5.4.3",
          "fd00::1",
          "::");

  Path dir;

  @BeforeTry
  void makeDir() throws Exception {
    dir = Files.createTempDirectory("ocsctl-strings");
  }

  @AfterTry
  void removeDir() throws Exception {
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Provide
  Arbitrary<String> strings() {
    Arbitrary<String> random =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withChars("éü中€ß")
            .ofMinLength(1)
            .ofMaxLength(24);
    Arbitrary<String> specials =
        Arbitraries.strings().withChars("$%{}\\\"'#:- a").ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> joined =
        Arbitraries.of(TRICKY).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l));
    return Arbitraries.oneOf(Arbitraries.of(TRICKY), random, joined, specials);
  }

  @Property(tries = 1000)
  void hcl(@ForAll("strings") String value, @ForAll("strings") String other) throws Exception {
    roundTrip(ImportFormat.HCL, value, other);
  }

  @Property(tries = 1000)
  void yaml(@ForAll("strings") String value, @ForAll("strings") String other) throws Exception {
    roundTrip(ImportFormat.YAML, value, other);
  }

  @Example
  void everyTrickyStringInBothFormats() throws Exception {
    for (String s : TRICKY) {
      roundTrip(ImportFormat.HCL, s, s + "x");
      roundTrip(ImportFormat.YAML, s, s + "x");
    }
  }

  /** hcl4j has no escape for "${" nor for a lone "$" before an escaped quote or backslash. */
  static boolean hclCanHold(String s) {
    return !s.contains("${")
        && !java.util.regex.Pattern.compile("(^|[^$])(\\$\\$)*\\$[\"\\\\]").matcher(s).find();
  }

  private void roundTrip(ImportFormat format, String value, String other) throws Exception {
    Settings settings =
        new Settings(Map.of("banner", List.of(value), "route", List.of(value, other)));
    Settings named = new Settings(Map.of(value, List.of(other)));
    DesiredState state =
        new DesiredState(
            new Server(settings, Optional.empty()),
            Map.of(),
            Map.of(),
            Map.of(value, new Group(value, named, Optional.empty())),
            Map.of());
    Path file = dir.resolve("state." + format.extension());
    if (format == ImportFormat.HCL && (!hclCanHold(value) || !hclCanHold(other))) {
      var e = assertThrows(ImportException.class, () -> format.render(state, List.of()));
      assertTrue(e.hint().contains("-format yaml"), e.hint());
      return;
    }
    String text = format.render(state, List.of("header"));
    Files.writeString(file, text);
    DesiredState loaded = DesiredStateLoader.load(file).state();
    assertEquals(settings, loaded.server().settings(), text);
    assertEquals(List.of(value), List.copyOf(loaded.groups().keySet()), text);
    assertEquals(named, loaded.groups().get(value).settings(), text);
  }
}
