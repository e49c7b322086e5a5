package io.ocsctl.providers.passwd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ocpasswd file as ocserv's read_auth_pass and break_group_list read it. */
class PasswdFileTest {
  private static final String H = "$5$szYvNFBAmHmAkGqA$Ug6WDp/w7nEU1YWpeDYYYNyx.SK7ZMQtZb61gmSdkZ3";

  @Test
  void groupListsAreTrimmedAsOcservDoes() {
    assertEquals(
        List.of("tost", "group1", "group2"), PasswdEntry.parseGroups("tost ,  group1  ,  group2"));
    assertEquals(List.of(), PasswdEntry.parseGroups("*"));
    assertEquals(List.of(), PasswdEntry.parseGroups(""));
    assertEquals(List.of("ab"), PasswdEntry.parseGroups("a,ab")); // one character: skipped
    assertEquals(
        List.of("eng"),
        PasswdEntry.parseGroups("eng extra")); // the last name is cut at its last space
    assertEquals(
        List.of(" eng", "ops"), PasswdEntry.parseGroups(" eng,ops")); // not before the first name
  }

  @Test
  void linesOcservPassesOverStayAndAreNotUsers() throws Exception {
    String text =
        "# put username, passwd\ntest:tost ,  group1:"
            + H
            + "\ntestuser:*:\nx\nsp@c/al:*:"
            + H
            + ":extra\n#bob:*:"
            + H
            + "\ntest:*:"
            + H
            + "\n";
    PasswdFile file = PasswdFile.parse("ocpasswd", text);
    assertEquals(List.of("test", "testuser", "sp@c/al"), List.copyOf(file.entries().keySet()));
    assertEquals(List.of("tost", "group1"), file.get("test").groups());
    assertEquals("", file.get("testuser").hash());
    assertEquals(text, file.render());
    assertEquals(2, file.notes().size(), file.notes().toString()); // "#bob" and the second "test"
    assertFalse(file.renderMasked(e -> "(sensitive)").contains("$5$"));
    // unchanged users keep their bytes; a changed user drops its shadowed second line
    PasswdFile same = file.withEntries(List.copyOf(file.entries().values()));
    assertEquals(text, same.render());
    PasswdEntry locked = new PasswdEntry("test", List.of("tost", "group1"), H, true);
    String after =
        file.withEntries(List.of(locked, file.get("testuser"), file.get("sp@c/al"))).render();
    assertTrue(
        after.startsWith("# put username, passwd\ntest:tost,group1:!" + H + "\ntestuser:*:\nx\n"),
        after);
    assertFalse(after.contains("\ntest:*:"), after);
  }

  @Test
  void crlfIsKept() throws Exception {
    PasswdFile file = PasswdFile.parse("ocpasswd", "a1:*:" + H + "\r\n");
    assertEquals("a1:*:" + H + "\r\n", file.render());
    PasswdEntry added = new PasswdEntry("b2", List.of(), H, false);
    assertEquals(
        "a1:*:" + H + "\r\nb2:*:" + H + "\r\n",
        file.withEntries(List.of(file.get("a1"), added)).render());
  }
}
