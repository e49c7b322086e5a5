package io.ocsctl.providers;

/**
 * What was known of a live file or directory when it was read: absent, unreadable, or the sha256 of
 * its bytes (of its listing, for a directory). {@code LiveState.fingerprints()} and plans hold
 * these; the text form ({@link #text}) is what saved plans and drift stamps write, read back with
 * {@link #of}.
 */
public sealed interface Fingerprint {
  String ABSENT_TEXT = "absent";
  String UNREADABLE_TEXT = "unreadable";

  /** The absent fingerprint. */
  Fingerprint ABSENT = new Absent();

  /** The form written to saved plans and stamps. */
  String text();

  /** The file did not exist. */
  record Absent() implements Fingerprint {
    public String text() {
      return ABSENT_TEXT;
    }
  }

  /** The path could not be read (only stamps record this: a read that fails is an error). */
  record Unreadable() implements Fingerprint {
    public String text() {
      return UNREADABLE_TEXT;
    }
  }

  /** The file existed with these bytes. */
  record Sha256(String hex) implements Fingerprint {
    public Sha256 {
      if (hex == null || hex.equals(ABSENT_TEXT) || hex.equals(UNREADABLE_TEXT)) {
        throw new IllegalArgumentException("not a sha256: " + hex);
      }
    }

    public String text() {
      return hex;
    }
  }

  /** The fingerprint of these bytes. */
  static Fingerprint of(byte[] bytes) {
    return new Sha256(io.ocsctl.schema.Sha256.hex(bytes));
  }

  /** The fingerprint written as {@code text}. */
  static Fingerprint of(String text) {
    return switch (text) {
      case ABSENT_TEXT -> ABSENT;
      case UNREADABLE_TEXT -> new Unreadable();
      default -> new Sha256(text);
    };
  }

  /** True when {@code f} (null when the path was not read) says absent. */
  static boolean isAbsent(Fingerprint f) {
    return f instanceof Absent;
  }
}
