package io.ocsctl.schema.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OptionCatalogueTest {
  private static final Pattern TYPE =
      Pattern.compile(
          "bool|int|int:-?\\d*\\.\\.-?\\d*|port|seconds|string|path|ip|netmask|ipv4-network|ipv6-network|route"
              + "|enum:[a-z0-9-]+(\\|[a-z0-9-]+)*|ports");
  private static final Pattern SCOPES =
      Pattern.compile("(main|vhost|user|group)(,(main|vhost|user|group))*");
  private static final Pattern SINCE = Pattern.compile("-|\\d+\\.\\d+\\.\\d+");

  private static List<String> resource(String name) throws IOException {
    try (InputStream in = OptionCatalogueTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void everyLineOfTheCatalogueParses() throws IOException {
    Set<String> names = new HashSet<>();
    int options = 0;
    for (String line : resource("/io/ocsctl/schema/ocserv-options.tsv")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      assertEquals(6, f.length, "six tab-separated fields: " + line);
      assertTrue(f[0].matches("[a-z][a-z0-9_-]*"), "name: " + line);
      assertTrue(names.add(f[0]), "listed twice: " + f[0]);
      assertTrue(TYPE.matcher(f[1]).matches(), "type: " + line);
      assertTrue(f[2].equals("yes") || f[2].equals("no"), "repeatable: " + line);
      assertTrue(SCOPES.matcher(f[3]).matches(), "scopes: " + line);
      assertTrue(List.of("restart", "reload", "connect").contains(f[4]), "effect: " + line);
      assertTrue(SINCE.matcher(f[5]).matches(), "since: " + line);
      OptionCatalogue.Option option = OptionCatalogue.get(f[0]).orElseThrow();
      assertEquals(f[1], option.type());
      assertEquals(f[2].equals("yes"), option.repeatable());
      assertEquals(f[3].split(",").length, option.scopes().size(), line);
      options++;
    }
    assertEquals(options, OptionCatalogue.all().size());
    assertTrue(options > 130, "the catalogue holds every ocserv option, found " + options);
  }

  /**
   * Every option of Debian's ocserv.conf, set ({@code key = value}) or commented out ({@code #key =
   * value}), is known. Indented lines after '#' are prose (a krb5.conf example), not options.
   */
  @Test
  void everyOptionOfTheDebianSampleIsCatalogued() throws IOException {
    Pattern key = Pattern.compile("^#?([a-z][a-z0-9_-]+)\\s*=");
    Set<String> missing = new TreeSet<>();
    int seen = 0;
    for (String line : resource("/debian-ocserv.conf")) {
      Matcher m = key.matcher(line);
      if (m.find()) {
        seen++;
        if (OptionCatalogue.get(m.group(1)).isEmpty()) {
          missing.add(m.group(1));
        }
      }
    }
    assertTrue(seen > 100, "the sample was read: " + seen + " options");
    assertEquals(Set.of(), missing);
  }

  @Test
  void knownScopesAndTypes() {
    OptionCatalogue.Option route = OptionCatalogue.get("route").orElseThrow();
    assertTrue(route.repeatable());
    assertEquals(Set.of(OptionScope.values()), route.scopes());
    OptionCatalogue.Option port = OptionCatalogue.get("tcp-port").orElseThrow();
    assertEquals(Set.of(OptionScope.MAIN), port.scopes());
    assertEquals(OptionCatalogue.Effect.RESTART, port.effect());
    assertEquals("netmask", OptionCatalogue.get("ipv4-netmask").orElseThrow().type());
    assertFalse(OptionCatalogue.get("max-client").isPresent());
  }
}
