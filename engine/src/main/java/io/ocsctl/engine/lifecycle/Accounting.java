package io.ocsctl.engine.lifecycle;

import io.ocsctl.state.UsageLedger;
import java.time.Instant;
import java.util.Map;

/**
 * Reads the session ocserv's disconnect script was called for (its environment: {@code REASON},
 * {@code USERNAME}, {@code GROUPNAME}, {@code VHOST}, {@code ID}, {@code STATS_BYTES_IN}, {@code
 * STATS_BYTES_OUT}, {@code STATS_DURATION}) into a usage record. The environment comes from ocserv,
 * but a name can hold anything a client typed: values are bounded and numbers must be numbers.
 */
public final class Accounting {

  static final int MAX_NAME = 256;

  private Accounting() {}

  /**
   * The ended session {@code env} describes, or {@code null} when the script was called for
   * something other than a disconnect; throws {@link IllegalArgumentException} naming the variable
   * that is missing or malformed.
   */
  public static UsageLedger.Session ended(Map<String, String> env, Instant now) {
    if (!"disconnect".equals(env.get("REASON"))) {
      return null;
    }
    String user = name(env, "USERNAME", true);
    return new UsageLedger.Session(
        now,
        user,
        name(env, "GROUPNAME", false),
        name(env, "VHOST", false),
        name(env, "ID", false),
        count(env, "STATS_BYTES_IN", true),
        count(env, "STATS_BYTES_OUT", true),
        Math.max(0, count(env, "STATS_DURATION", false)));
  }

  private static String name(Map<String, String> env, String variable, boolean required) {
    String v = env.getOrDefault(variable, "");
    if (required && v.isEmpty()) {
      throw new IllegalArgumentException(
          variable
              + " is not set: ocserv sets it for its disconnect-script; run this only from there");
    }
    if (v.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          variable + " is longer than " + MAX_NAME + " characters; not recorded");
    }
    return v;
  }

  private static long count(Map<String, String> env, String variable, boolean required) {
    String v = env.getOrDefault(variable, "");
    if (v.isEmpty() && !required) {
      return 0;
    }
    if (!v.matches("[0-9]{1,18}")) {
      throw new IllegalArgumentException(
          variable
              + " is "
              + (v.isEmpty() ? "not set" : "not a byte count")
              + ": ocserv sets it for its disconnect-script; run this only from there");
    }
    return Long.parseLong(v);
  }
}
