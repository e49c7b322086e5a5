package io.ocsctl.state;

import java.io.IOException;
import java.util.Map;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.util.SystemReader;

/** Picks the commit author from an explicit value, the environment, git config or the host. */
final class AuthorResolver {

  private AuthorResolver() {}

  static History.Author resolve(
      String explicit, Map<String, String> env, Config userConfig, String host) {
    if (explicit != null && !explicit.isBlank()) {
      return History.Author.parse(explicit);
    }
    String name =
        firstNonBlank(env.get("GIT_AUTHOR_NAME"), userConfig.getString("user", null, "name"));
    String email =
        firstNonBlank(env.get("GIT_AUTHOR_EMAIL"), userConfig.getString("user", null, "email"));
    return new History.Author(
        name == null ? "ocsctl" : name, email == null ? "ocsctl@" + host : email);
  }

  /**
   * The user's git configuration (~/.gitconfig, XDG config); an unreadable one counts as empty,
   * since it only decides the author shown in the history.
   */
  static Config userConfig() {
    try {
      QuietGit.install();
      return SystemReader.getInstance().getUserConfig();
    } catch (IOException | ConfigInvalidException unreadable) {
      return new Config();
    }
  }

  private static String firstNonBlank(String first, String second) {
    if (first != null && !first.isBlank()) {
      return first.strip();
    }
    return second != null && !second.isBlank() ? second.strip() : null;
  }
}
