package io.ocsctl.providers.occtl;

import java.util.regex.Pattern;

/**
 * The arguments ocsctl passes to occtl, checked against strict patterns. occtl joins its arguments
 * into one command line and splits it again at spaces, so a value with a space, a quote or a
 * leading dash could become a different command; such values are refused here.
 */
public final class OcctlArgs {
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._@+~=-]{0,127}");
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,9}");
  private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9+/=]{1,64}");
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private OcctlArgs() {}

  /** A user name occtl can take as one word. */
  public static String user(String name) throws OcctlException {
    if (name == null || !USER.matcher(name).matches()) {
      throw new OcctlException(
          "'"
              + printable(name)
              + "' is not a user name occtl can be given "
              + "(letters, digits and ._@+~=- only, not starting with a dash, at most 128 characters)");
    }
    return name;
  }

  /** A connection id as occtl prints it ({@code "ID": 21683}). */
  public static String id(String id) throws OcctlException {
    if (id == null || !ID.matcher(id).matches() || Long.parseLong(id) > 0xFFFFFFFFL) {
      throw new OcctlException(
          "'"
              + printable(id)
              + "' is not a connection id (a positive number, see 'ocsctl sessions')");
    }
    return id;
  }

  /** A session id, the short (6 characters) or the full form occtl prints. */
  public static String session(String sid) throws OcctlException {
    if (sid == null || !SESSION.matcher(sid).matches()) {
      throw new OcctlException(
          "'"
              + printable(sid)
              + "' is not a session id (base64 characters, see 'ocsctl sessions -all')");
    }
    return sid;
  }

  /** An IPv4 or IPv6 address literal. */
  public static String ip(String ip) throws OcctlException {
    if (ip != null
        && (IPV4.matcher(ip).matches()
            || (ip.indexOf(':') >= 0
                && IPV6.matcher(ip).matches()
                && ip.indexOf(":::") < 0
                && ip.indexOf("::") == ip.lastIndexOf("::")))) {
      return ip;
    }
    throw new OcctlException("'" + printable(ip) + "' is not an IP address");
  }

  /** The socket path: absolute, one line, no leading dash. */
  public static String socket(String path) throws OcctlException {
    if (path == null
        || !path.startsWith("/")
        || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
        || path.length() > 4096) {
      throw new OcctlException("'" + printable(path) + "' is not an absolute socket path");
    }
    return path;
  }

  static String printable(String s) {
    if (s == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return s.length() > 80 ? out + "..." : out.toString();
  }
}
