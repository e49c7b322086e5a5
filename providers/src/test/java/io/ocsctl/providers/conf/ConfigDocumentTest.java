package io.ocsctl.providers.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocsctl.schema.model.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ConfigDocument on the Debian package's real ocserv.conf: reading, minimal edits, vhosts. */
class ConfigDocumentTest {
  static String debian() throws IOException {
    return Files.readString(Path.of("src/test/resources/debian/ocserv.conf"));
  }

  @Test
  void readsTheDebianSampleAndRendersItByteIdentically() throws IOException {
    String text = debian();
    ConfigDocument doc = ConfigDocument.parse(text);
    assertEquals(text, doc.render());
    Settings s = doc.settings();
    assertEquals(List.of("plain[passwd=/etc/ocserv/passwd]"), s.get("auth"));
    assertEquals(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"), s.get("route"));
    assertEquals(List.of("16"), s.get("max-clients"));
    assertEquals(List.of(), doc.unreadableLines());
  }

  @Test
  void changingOneValueChangesOneLine() throws IOException {
    String text = debian();
    ConfigDocument doc = ConfigDocument.parse(text);
    Map<String, List<String>> wanted = new LinkedHashMap<>(doc.settings().values());
    wanted.put("max-clients", List.of("64"));
    String after = doc.withSettings(new Settings(wanted)).render();
    List<String> a = text.lines().toList();
    List<String> b = after.lines().toList();
    assertEquals(a.size(), b.size());
    int changed = 0;
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        changed++;
        assertEquals("max-clients = 64", b.get(i));
      }
    }
    assertEquals(1, changed);
  }

  @Test
  void listValuesAreEditedElementByElementInPlace() {
    String text =
        "# routes\nroute = 10.0.0.0/8\n# keep me\nroute = 172.16.0.0/12\nroute = 192.168.0.0/16\ndns = 1.1.1.1\n";
    ConfigDocument doc = ConfigDocument.parse(text);
    Settings wanted =
        new Settings(
            Map.of(
                "route",
                List.of("10.0.0.0/8", "192.168.0.0/16", "100.64.0.0/10"),
                "dns",
                List.of("1.1.1.1")));
    String after = doc.withSettings(wanted).render();
    assertEquals(
        "# routes\nroute = 10.0.0.0/8\n# keep me\nroute = 192.168.0.0/16\nroute = 100.64.0.0/10\ndns = 1.1.1.1\n",
        after);
  }

  @Test
  void removedKeysVanishNewKeysAreAppendedToTheirSection() {
    String text = "a = 1\nb = 2\n\n[vhost:x.example.com]\nc = 3\n";
    ConfigDocument doc = ConfigDocument.parse(text);
    String after =
        doc.withSettings(new Settings(Map.of("a", List.of("1"), "d", List.of("4"))))
            .withSettings(
                Section.vhost("x.example.com"),
                new Settings(Map.of("c", List.of("3"), "e", List.of("has space"))))
            .render();
    assertEquals("a = 1\nd = 4\n\n[vhost:x.example.com]\nc = 3\ne = \"has space\"\n", after);
  }

  @Test
  void vhostsAreAddedAndRemovedWhole() {
    ConfigDocument doc = ConfigDocument.parse("a = 1\n[vhost:old]\nb = 2\n");
    ConfigDocument after =
        doc.withoutVhost("old")
            .withSettings(Section.vhost("new"), new Settings(Map.of("c", List.of("3"))));
    assertEquals("a = 1\n\n[vhost:new]\nc = 3\n", after.render());
    assertEquals(List.of("new"), after.vhosts());
  }

  @Test
  void quotedValuesAreUnquotedAndKeepTheirQuotesWhenRewritten() {
    ConfigDocument doc = ConfigDocument.parse("auth = \"plain[passwd=/a]\"\n");
    assertEquals(List.of("plain[passwd=/a]"), doc.settings().get("auth"));
    String after =
        doc.withSettings(new Settings(Map.of("auth", List.of("plain[passwd=/b]")))).render();
    assertEquals("auth = \"plain[passwd=/b]\"\n", after);
  }

  @Test
  void linesOcservCannotReadAreReported() {
    ConfigDocument doc = ConfigDocument.parse("a = 1\nthis is not an option\n");
    assertEquals(List.of(2), doc.unreadableLines());
    assertTrue(doc.settings().has("a"));
  }

  @Test
  void linesAreReadAsOcservsInihReadsThem() {
    String text =
        "\uFEFF# c\n; semicolon comment\nkeepalive = 32400   # every ~9h\ndomain = a#b\n"
            + "max-clients: 16\nauth = \"\"plain[passwd=/p]\"\"\nroute = 10.0.0.0/8\n    172.16.0.0/12\nmtu =\n"
            + "[global]\nmax-clients = 99\n[]\ndns = 1.1.1.1\n";
    ConfigDocument doc = ConfigDocument.parse(text);
    assertEquals(text, doc.render());
    Settings s = doc.settings();
    assertEquals(List.of("32400"), s.get("keepalive"));
    assertEquals(List.of("a#b"), s.get("domain"));
    assertEquals(List.of("16"), s.get("max-clients"));
    assertEquals(List.of("plain[passwd=/p]"), s.get("auth"));
    assertEquals(List.of("10.0.0.0/8", "172.16.0.0/12"), s.get("route"));
    assertEquals(List.of(""), s.get("mtu"));
    assertEquals(List.of("1.1.1.1"), s.get("dns"));
    assertEquals(Map.of("global", List.of(11)), doc.skippedSections());
    assertEquals(List.of(), doc.unreadableLines());
  }

  @Test
  void aRewrittenValueKeepsItsSeparatorQuotesAndInlineComment() {
    ConfigDocument doc =
        ConfigDocument.parse(
            "keepalive = 32400   # every ~9h\nmax-clients: 16\n[global]\nmax-clients = 99\n");
    Map<String, List<String>> wanted = new LinkedHashMap<>(doc.settings().values());
    wanted.put("keepalive", List.of("60"));
    wanted.put("max-clients", List.of("8"));
    assertEquals(
        "keepalive = 60   # every ~9h\nmax-clients: 8\n[global]\nmax-clients = 99\n",
        doc.withSettings(new Settings(wanted)).render());
  }

  @Test
  void crlfFilesKeepCrlfOnRewrittenAndNewLines() {
    ConfigDocument doc = ConfigDocument.parse("a = 1\r\nb = 2\r\n");
    assertEquals(List.of("1"), doc.settings().get("a"));
    String after =
        doc.withSettings(
                new Settings(Map.of("a", List.of("3"), "b", List.of("2"), "c", List.of("4"))))
            .render();
    assertEquals("a = 3\r\nb = 2\r\nc = 4\r\n", after);
  }

  @Test
  void sectionsOcservRefusesAreUnreadable() {
    assertEquals(List.of(2), ConfigDocument.parse("a = 1\n[vhost:x\n").unreadableLines());
    assertEquals(List.of(1), ConfigDocument.parse("[vhost:]\na = 1\n").unreadableLines());
    assertEquals(List.of(), ConfigDocument.parse("[vhost:x] # comment\na = 1\n").unreadableLines());
  }
}
