package io.ocsctl.providers.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocsctl.schema.model.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the line-preserving config editor over generated input: any text round-trips byte
 * for byte, and any edit yields a file whose options are exactly the ones asked for.
 */
class ConfigDocumentPropertiesTest {

  @Property(tries = 10_000)
  void anyTextRendersBackIdentically(@ForAll("texts") String text) {
    assertEquals(text, ConfigDocument.parse(text).render());
  }

  @Property(tries = 10_000)
  void editingYieldsExactlyTheDesiredOptions(
      @ForAll("configs") String text, @ForAll("settings") Settings wanted) {
    ConfigDocument edited = ConfigDocument.parse(text).withSettings(wanted);
    ConfigDocument reread = ConfigDocument.parse(edited.render());
    assertEquals(wanted.values(), reread.settings().values());
    // editing again with the same options changes nothing
    assertEquals(edited.render(), reread.withSettings(wanted).render());
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> line =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(40),
            Arbitraries.strings().withChars("abc-=# \"[]:\t\r").ofMaxLength(20),
            Arbitraries.of(
                "[vhost:a]", "# comment", "", "key = value", "key=\"quoted value\"", "  x =  y  "));
    return line.list().ofMaxSize(20).map(l -> String.join("\n", l));
  }

  @Provide
  Arbitrary<String> configs() {
    Arbitrary<String> line =
        Arbitraries.oneOf(
            Arbitraries.of("# comment", "", "   "),
            Combinators.combine(keys(), values()).as((k, v) -> k + " = " + v),
            Combinators.combine(keys(), values()).as((k, v) -> k + "=\"" + v + "\""));
    return line.list().ofMaxSize(15).map(l -> String.join("\n", l) + (l.isEmpty() ? "" : "\n"));
  }

  @Provide
  Arbitrary<Settings> settings() {
    return Combinators.combine(keys(), values().list().ofMinSize(1).ofMaxSize(3))
        .as(Map::entry)
        .list()
        .ofMaxSize(6)
        .map(
            entries -> {
              Map<String, List<String>> map = new LinkedHashMap<>();
              entries.forEach(e -> map.put(e.getKey(), new ArrayList<>(e.getValue())));
              return new Settings(map);
            });
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.of(
        "route", "dns", "max-clients", "auth", "tcp-port", "no-route", "keepalive");
  }

  private static Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "10.0.0.0/8", "1.1.1.1", "16", "plain[passwd=/etc/ocserv/ocpasswd]", "a b c", "true"),
        Arbitraries.strings().withChars("abcxyz019./:[]=-").ofMinLength(1).ofMaxLength(12));
  }
}
