package io.ocsctl.providers.passwd;

import java.util.List;

/**
 * One line of the ocpasswd file: {@code user:group1,group2:hash}, {@code *} for no group, a
 * {@code !} before the hash for a locked user (as {@code ocpasswd -l} writes it).
 * {@code groupField} is the group field as written, so that a line ocsctl does not change is
 * written back byte for byte ({@code ocpasswd -g ""} writes an empty field, ocsctl writes {@code *}).
 */
public record PasswdEntry(String user, List<String> groups, String hash, boolean locked, String groupField) {
  public PasswdEntry {
    groups = List.copyOf(groups);
    if (groupField == null || !parseGroups(groupField).equals(groups)) {
      groupField = canonicalGroupField(groups);
    }
  }

  public PasswdEntry(String user, List<String> groups, String hash, boolean locked) {
    this(user, groups, hash, locked, null);
  }

  /** The groups of a group field: {@code *} or empty for none, else comma-separated names. */
  public static List<String> parseGroups(String field) {
    return field.equals("*") || field.isEmpty() ? List.of() : List.of(field.split(",", -1));
  }

  static String canonicalGroupField(List<String> groups) {
    return groups.isEmpty() ? "*" : String.join(",", groups);
  }

  /** Whether the two lines mean the same: same user, groups, hash and lock. */
  public boolean sameAs(PasswdEntry other) {
    return other != null && user.equals(other.user) && groups.equals(other.groups) && hash.equals(other.hash)
        && locked == other.locked;
  }

  public String render() {
    return user + ":" + groupField + ":" + (locked ? "!" : "") + hash;
  }

  /** The line with its hash replaced, for output that must never show a secret. */
  public String renderMasked(String mask) {
    return user + ":" + groupField + ":" + (locked ? "!" : "") + mask;
  }

  @Override
  public String toString() {
    return renderMasked("(sensitive)");
  }
}
