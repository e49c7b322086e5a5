package io.ocsctl.providers.occtl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what {@code occtl -j} printed into records. Each method returns what could be read and a
 * description of what could not; it throws {@link OcctlException} only when nothing could be read.
 */
public final class OcctlParser {
  private OcctlParser() {}

  public static Parsed<ServerStatus> status(String text) throws OcctlException {
    Parsed<List<ObjectNode>> records = LenientJson.records("show status", text);
    List<String> problems = new ArrayList<>(records.problems());
    if (records.value().isEmpty()) {
      throw new OcctlException("show status: the answer holds no status");
    }
    ObjectNode r = records.value().get(0);
    if (!r.has("Status") && !r.has("Server PID")) {
      throw new OcctlException(
          "show status: the answer is not a server status: " + LenientJson.excerpt(r.toString()));
    }
    if (records.value().size() > 1) {
      problems.add(
          "the answer holds " + records.value().size() + " status records; the first was used");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    r.propertyNames().forEach(name -> fields.put(name, Fields.text(r, name)));
    return new Parsed<>(
        new ServerStatus(
            Fields.text(r, "Status"),
            Fields.number(r, "Server PID"),
            Fields.number(r, "Sec-mod PID"),
            Fields.text(r, "Up since"),
            Fields.number(r, "uptime"),
            Fields.number(r, "Active sessions"),
            Fields.number(r, "IPs in ban list"),
            fields),
        problems);
  }

  /**
   * {@code show users}, {@code show user NAME}, {@code show id ID}, and each event of {@code show
   * events}.
   */
  public static Parsed<List<ConnectedUser>> users(String text) throws OcctlException {
    return each(
        "show users",
        text,
        "ID",
        r ->
            new ConnectedUser(
                Fields.number(r, "ID"),
                Fields.text(r, "Username"),
                Fields.group(r),
                Fields.text(r, "State"),
                Fields.text(r, "vhost"),
                Fields.text(r, "Device"),
                Fields.text(r, "Remote IP"),
                Fields.text(r, "IPv4"),
                Fields.text(r, "IPv6"),
                Fields.text(r, "Connected at"),
                Fields.text(r, "Session"),
                Fields.text(r, "User-Agent"),
                Fields.list(r, "Routes"),
                Fields.list(r, "iRoutes"),
                Fields.number(r, "RX"),
                Fields.number(r, "TX")));
  }

  /** {@code show sessions all|valid} and {@code show session SID}. */
  public static Parsed<List<CookieSession>> sessions(String text) throws OcctlException {
    return each(
        "show sessions",
        text,
        "Session",
        r ->
            new CookieSession(
                Fields.text(r, "Session"),
                Fields.text(r, "Username"),
                Fields.group(r),
                Fields.text(r, "State"),
                Fields.text(r, "vhost"),
                Fields.text(r, "Remote IP"),
                Fields.text(r, "User-Agent"),
                Fields.text(r, "Created"),
                Fields.text(r, "Expires"),
                Fields.flag(r, "session_is_open"),
                Fields.flag(r, "in_use")));
  }

  public static Parsed<List<IRouteEntry>> iroutes(String text) throws OcctlException {
    return each(
        "show iroutes",
        text,
        "ID",
        r ->
            new IRouteEntry(
                Fields.number(r, "ID"),
                Fields.text(r, "Username"),
                Fields.text(r, "vhost"),
                Fields.text(r, "Device"),
                Fields.text(r, "IP"),
                Fields.list(r, "iRoutes")));
  }

  /** {@code show ip bans} and {@code show ip ban points}. */
  public static Parsed<List<BanEntry>> bans(String text) throws OcctlException {
    return each(
        "show ip bans",
        text,
        "IP",
        r ->
            new BanEntry(Fields.text(r, "IP"), Fields.number(r, "Score"), Fields.text(r, "Since")));
  }

  private static <T> Parsed<List<T>> each(
      String what, String text, String key, Function<ObjectNode, T> read) throws OcctlException {
    Parsed<List<ObjectNode>> records = LenientJson.records(what, text);
    List<String> problems = new ArrayList<>(records.problems());
    List<T> out = new ArrayList<>();
    int n = 0;
    for (ObjectNode r : records.value()) {
      n++;
      if (!r.has(key) && !r.has("Username")) {
        problems.add("record " + n + " has neither \"" + key + "\" nor \"Username\"; skipped");
        continue;
      }
      out.add(read.apply(r));
    }
    return new Parsed<>(List.copyOf(out), problems);
  }
}
