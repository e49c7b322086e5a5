package io.ocsctl.schema.model;

/** Where a user's password comes from. Never rendered in clear text. */
public sealed interface Secret {

  /** A crypt(3) string as ocserv's plain auth stores it ({@code $6$...}, {@code $5$...}). */
  record Hash(String crypt) implements Secret {
    @Override
    public String toString() {
      return "Hash[(sensitive)]";
    }
  }

  /** A clear-text password read from an environment variable at plan time. */
  record FromEnv(String variable) implements Secret {}

  /** A clear-text password read from a file (first line) at plan time. */
  record FromFile(String path) implements Secret {}
}
