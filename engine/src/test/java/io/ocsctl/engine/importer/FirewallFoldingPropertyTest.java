package io.ocsctl.engine.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Firewall;
import io.ocsctl.schema.model.FirewallRef;
import io.ocsctl.schema.model.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Firewall folding on random servers whose groups and users carry restrict-user-to-* settings in
 * foldable and unfoldable spellings: both formats round-trip to "No changes.", every named policy
 * is used by at least two scopes, every inline one by exactly one, and exactly the foldable scopes
 * lost their restrict-user-to-* settings.
 */
class FirewallFoldingPropertyTest {
  private static final List<String> SPELLINGS =
      List.of(
          "",
          "restrict-user-to-routes = true\n",
          "restrict-user-to-routes = yes\n",
          "restrict-user-to-routes = false\n",
          "restrict-user-to-ports = tcp(443)\n",
          "restrict-user-to-ports = \"tcp(443), udp(53)\"\n",
          "restrict-user-to-ports = tcp(443), udp(53)\n",
          "restrict-user-to-ports = tcp(443),udp(53)\n",
          "restrict-user-to-ports = !(tcp(22))\n",
          "restrict-user-to-ports = \"!(tcp(22), icmp())\"\n",
          "restrict-user-to-routes = true\nrestrict-user-to-ports = tcp(443)\n",
          "restrict-user-to-ports = tcp(443)\n# a comment\nrestrict-user-to-routes = true\n",
          "restrict-user-to-routes = false\nrestrict-user-to-ports = tcp(443)\n",
          "restrict-user-to-ports = udp(1000-2000)\nrestrict-user-to-ports = icmp()\n");

  Path dir;

  @BeforeTry
  void makeDir() throws Exception {
    dir = Files.createTempDirectory("ocsctl-fold");
  }

  @AfterTry
  void removeDir() throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> scopes() {
    return Arbitraries.integers().between(0, SPELLINGS.size() - 1).list().ofMinSize(1).ofMaxSize(8);
  }

  /**
   * Even positions are groups, odd ones users (in ocpasswd), each with the spelling drawn for it.
   */
  @Property(tries = 150)
  void foldingRoundTripsAndFoldsExactlyTheFoldableScopes(@ForAll("scopes") List<Integer> spellings)
      throws Exception {
    Path root = dir.resolve("root");
    Map<String, String> files = new LinkedHashMap<>();
    StringBuilder passwd = new StringBuilder();
    for (int i = 0; i < spellings.size(); i++) {
      String text =
          (i % 3 == 0 ? "route = 10." + i + ".0.0/16\n" : "") + SPELLINGS.get(spellings.get(i));
      if (i % 2 == 0) {
        files.put("etc/ocserv/groups/g" + i, text);
      } else {
        passwd.append("u").append(i).append(":*:$6$salt$h").append(i).append('\n');
        files.put("etc/ocserv/users/u" + i, text);
      }
    }
    files.put("etc/ocserv/ocpasswd", passwd.toString());
    FirewallImportTest.write(root, files);

    var live = LiveReader.read(root, FirewallImportTest.CONF, Settings.EMPTY);
    Map<String, Optional<Firewall>> foldable = new HashMap<>();
    live.perGroup()
        .forEach(
            (name, doc) -> foldable.put("g:" + name, FirewallFolding.firewall(doc.settings())));
    live.perUser()
        .forEach(
            (name, doc) -> foldable.put("u:" + name, FirewallFolding.firewall(doc.settings())));

    for (ImportFormat format : ImportFormat.values()) {
      Path work = Files.createDirectories(dir.resolve(format.extension()));
      DesiredState state = FirewallImportTest.importAndPlan(root, work, format).state();
      Map<String, Optional<FirewallRef>> refs = new HashMap<>();
      Map<String, Settings> settings = new HashMap<>();
      state
          .groups()
          .values()
          .forEach(
              g -> {
                refs.put("g:" + g.name(), g.firewall());
                settings.put("g:" + g.name(), g.settings());
              });
      state
          .users()
          .values()
          .forEach(
              u -> {
                refs.put("u:" + u.name(), u.firewall());
                settings.put("u:" + u.name(), u.settings());
              });
      Map<Firewall, Integer> uses = new HashMap<>();
      foldable.values().forEach(f -> f.ifPresent(x -> uses.merge(x, 1, Integer::sum)));
      Map<String, Integer> named = new HashMap<>();
      foldable.forEach(
          (scope, firewall) -> {
            Optional<FirewallRef> ref = refs.get(scope);
            assertEquals(firewall.isPresent(), ref.isPresent(), scope);
            if (firewall.isEmpty()) {
              return;
            }
            assertTrue(
                settings.get(scope).get("restrict-user-to-routes").isEmpty()
                    && settings.get(scope).get("restrict-user-to-ports").isEmpty(),
                scope);
            assertEquals(firewall, state.resolve(ref), scope);
            if (ref.get() instanceof FirewallRef.Named n) {
              named.merge(n.policy(), 1, Integer::sum);
              assertTrue(uses.get(firewall.get()) >= 2, scope);
            } else {
              assertEquals(1, uses.get(firewall.get()), scope);
            }
          });
      assertEquals(state.policies().keySet(), named.keySet());
      named.values().forEach(n -> assertTrue(n >= 2));
    }
  }
}
