package io.ocsctl.providers;

/**
 * What was known of a live file when it was read: absent, or the sha256 of its bytes. The text form
 * ({@link #ABSENT_TEXT} or 64 hex digits) is what {@code LiveState.fingerprints()} and saved plans
 * hold; code that asks "did it exist?" reads it through {@link #of} instead of comparing strings.
 */
public sealed interface Fingerprint {
  /** How an absent file is written in a fingerprint map (the live reader writes this). */
  String ABSENT_TEXT = "absent";

  String text();

  /** The file did not exist. */
  record Absent() implements Fingerprint {
    public String text() {
      return ABSENT_TEXT;
    }
  }

  /** The file existed with these bytes. */
  record Sha256(String hex) implements Fingerprint {
    public Sha256 {
      if (hex == null || hex.equals(ABSENT_TEXT)) {
        throw new IllegalArgumentException("not a sha256: " + hex);
      }
    }

    public String text() {
      return hex;
    }
  }

  /** The fingerprint a map holds as {@code text}. */
  static Fingerprint of(String text) {
    return ABSENT_TEXT.equals(text) ? new Absent() : new Sha256(text);
  }

  /**
   * True when {@code text} (a value of a fingerprint map, or null when the file was not read) says
   * absent.
   */
  static boolean isAbsent(String text) {
    return text != null && of(text) instanceof Absent;
  }
}
