package io.ocsctl.providers.passwd;

import io.ocsctl.schema.model.Secret;
import io.ocsctl.schema.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of the ocpasswd file: {@code user:group1,group2:hash}, {@code *} for no group, a {@code
 * !} before the hash for a locked user (as {@code ocpasswd -l} writes it). {@code groupField} is
 * the group field as written, so that a line ocsctl does not change is written back byte for byte
 * ({@code ocpasswd -g ""} writes an empty field, ocsctl writes {@code *}).
 */
public record PasswdEntry(
    String user, List<String> groups, String hash, boolean locked, String groupField) {
  public PasswdEntry {
    groups = List.copyOf(groups);
    if (groupField == null || !parseGroups(groupField).equals(groups)) {
      groupField = canonicalGroupField(groups);
    }
  }

  public PasswdEntry(String user, List<String> groups, String hash, boolean locked) {
    this(user, groups, hash, locked, null);
  }

  /**
   * The groups of a group field as ocserv's {@code break_group_list} reads it: names separated by
   * commas, white space around a comma dropped (before the first name it stays), and a name of one
   * character skipped, so {@code *} (and an empty field) means no group.
   */
  public static List<String> parseGroups(String field) {
    List<String> out = new ArrayList<>();
    String[] parts = field.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      // every name but the first starts after the white space that follows a comma
      String part = i == 0 ? parts[i] : parts[i].stripLeading();
      String name;
      if (i < parts.length - 1) {
        name = part.stripTrailing();
        if (part.length() == 1) {
          continue; // ocserv measures a middle name before trimming it
        }
      } else {
        int space = part.lastIndexOf(' ');
        name =
            (space < 0 ? part : part.substring(0, space)).stripTrailing(); // cut at its last space
        if (name.length() == 1) {
          continue;
        }
      }
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }

  static String canonicalGroupField(List<String> groups) {
    return groups.isEmpty() ? "*" : String.join(",", groups);
  }

  /** Whether the two lines mean the same: same user, groups, hash and lock. */
  public boolean sameAs(PasswdEntry other) {
    return other != null
        && user.equals(other.user)
        && groups.equals(other.groups)
        && hash.equals(other.hash)
        && locked == other.locked;
  }

  /**
   * The user this line describes, as import writes it and as the planner compares it: groups, hash
   * and lock; {@code scope} is the vhost whose passwd file holds the line ("" for the server's).
   */
  public User asUser(String scope) {
    return User.builder(user)
        .groups(groups)
        .password(Optional.of(new Secret.Hash(hash)))
        .locked(locked)
        .vhost(scope.isEmpty() ? Optional.empty() : Optional.of(scope))
        .build();
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
