package io.ocsctl.providers.occtl;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines {@code occtl show events} prints into events. With {@code -j}, occtl prints the
 * connected users as one JSON list, then one list with one user per event, without saying whether
 * the user connected or disconnected: a connection id not seen before is a connect, a known one a
 * disconnect. Without {@code -j}, occtl prints one line per event, with the disconnect reason.
 */
final class EventDecoder {
  private static final Pattern CONNECTED =
      Pattern.compile(
          "^(\\S*): connected user '(.*)' \\((\\d{1,10})\\) from (\\S+) with IP (\\S+)$");
  private static final Pattern DISCONNECTED =
      Pattern.compile(
          "^(\\S*): disconnect user '(.*)' \\((\\d{1,10})\\) from (\\S+) with IP (\\S+) \\(reason: (.*), time: .*\\)$");

  /** A list longer than this is not an event: it is dropped and reported. */
  private static final int MAX_BLOCK = 4 * 1024 * 1024;

  private final boolean json;
  private final Clock clock;
  private final Set<Long> connected = new HashSet<>();
  private final StringBuilder block = new StringBuilder();
  private final List<String> problems = new ArrayList<>();
  private int depth;
  private boolean sawInitialList;
  private boolean inString;
  private boolean escaped;

  EventDecoder(boolean json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /**
   * The events one more line of occtl's output completes (none while a JSON list is still open).
   */
  List<OcctlEvent> line(String line) {
    return json ? jsonLine(line) : List.copyOf(textLine(line));
  }

  /** True once occtl printed the list of users connected when it started (JSON mode). */
  boolean started() {
    return sawInitialList;
  }

  /** What could not be read so far; cleared by the call. */
  List<String> drainProblems() {
    List<String> out = List.copyOf(problems);
    problems.clear();
    return out;
  }

  private List<OcctlEvent> textLine(String line) {
    Matcher c = CONNECTED.matcher(line.strip());
    if (c.matches()) {
      return List.of(
          event(
              "connect",
              Long.parseLong(c.group(3)),
              c.group(2),
              "",
              c.group(1),
              c.group(4),
              c.group(5),
              "",
              ""));
    }
    Matcher d = DISCONNECTED.matcher(line.strip());
    if (d.matches()) {
      return List.of(
          event(
              "disconnect",
              Long.parseLong(d.group(3)),
              d.group(2),
              "",
              d.group(1),
              d.group(4),
              d.group(5),
              "",
              d.group(6)));
    }
    return List.of();
  }

  private List<OcctlEvent> jsonLine(String line) {
    if (depth == 0) {
      String s = line.stripLeading();
      if (!(s.startsWith("[") || s.startsWith("{"))) {
        return List.of(); // "Press 'q' or CTRL+C to quit" and blank lines
      }
      block.setLength(0);
      inString = false;
      escaped = false;
    }
    block.append(line).append('\n');
    scan(line);
    if (block.length() > MAX_BLOCK) {
      problems.add("an event longer than " + (MAX_BLOCK >> 20) + " MiB was dropped");
      block.setLength(0);
      depth = 0;
      return List.of();
    }
    if (depth > 0) {
      return List.of();
    }
    String text = block.toString();
    block.setLength(0);
    List<ConnectedUser> users;
    try {
      Parsed<List<ConnectedUser>> parsed = OcctlParser.users(text);
      problems.addAll(parsed.problems());
      users = parsed.value();
    } catch (OcctlException e) {
      problems.add(e.getMessage());
      return List.of();
    }
    if (!sawInitialList) {
      sawInitialList = true;
      users.forEach(u -> connected.add(u.id()));
      return List.of();
    }
    List<OcctlEvent> events = new ArrayList<>();
    for (ConnectedUser u : users) {
      String type = connected.remove(u.id()) ? "disconnect" : "connect";
      if (type.equals("connect")) {
        connected.add(u.id());
      }
      events.add(
          event(
              type,
              u.id(),
              u.user(),
              u.group(),
              u.vhost(),
              u.remoteIp(),
              u.vpnIpv4().isEmpty() ? u.vpnIpv6() : u.vpnIpv4(),
              u.device(),
              ""));
    }
    return events;
  }

  /** Tracks bracket depth outside strings, across lines. */
  private void scan(String line) {
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (ch == '\\') {
          escaped = true;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '[' || ch == '{') {
        depth++;
      } else if ((ch == ']' || ch == '}') && depth > 0) {
        depth--;
      }
    }
    // ocserv never prints a string across lines: an unclosed quote is a broken string, not a longer
    // one
    inString = false;
    escaped = false;
  }

  private OcctlEvent event(
      String type,
      long id,
      String user,
      String group,
      String vhost,
      String remoteIp,
      String vpnIp,
      String device,
      String reason) {
    return new OcctlEvent(
        type,
        Instant.now(clock).toString(),
        id,
        user,
        group,
        vhost,
        remoteIp,
        vpnIp,
        device,
        reason);
  }
}
