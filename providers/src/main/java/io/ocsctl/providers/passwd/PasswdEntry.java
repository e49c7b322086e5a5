package io.ocsctl.providers.passwd;

import java.util.List;

/**
 * One line of the ocpasswd file: {@code user:group1,group2:hash}, {@code *} for no group, a
 * {@code !} before the hash for a locked user (as {@code ocpasswd -l} writes it).
 */
public record PasswdEntry(String user, List<String> groups, String hash, boolean locked) {
  public PasswdEntry {
    groups = List.copyOf(groups);
  }

  public String render() {
    String groupField = groups.isEmpty() ? "*" : String.join(",", groups);
    return user + ":" + groupField + ":" + (locked ? "!" : "") + hash;
  }

  /** The line with its hash replaced, for output that must never show a secret. */
  public String renderMasked(String mask) {
    String groupField = groups.isEmpty() ? "*" : String.join(",", groups);
    return user + ":" + groupField + ":" + (locked ? "!" : "") + mask;
  }

  @Override
  public String toString() {
    return renderMasked("(sensitive)");
  }
}
