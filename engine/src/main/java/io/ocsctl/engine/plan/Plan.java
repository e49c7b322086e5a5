package io.ocsctl.engine.plan;

import io.ocsctl.providers.occtl.LiveSessions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one value {@code plan} renders and {@code apply} executes: resource changes, the file writes
 * that realise them, and fingerprints of everything read so a stale plan can be refused; {@code live}
 * is who was connected when it was made (not saved with it: apply asks the server again).
 */
public record Plan(
    List<ResourceChange> resources,
    List<FileChange> files,
    Map<Path, String> liveFingerprints,
    String desiredFingerprint,
    List<String> notes,
    LiveSessions live) {
  public Plan {
    resources = List.copyOf(resources);
    files = List.copyOf(files);
    liveFingerprints = Collections.unmodifiableMap(new TreeMap<>(liveFingerprints));
    notes = List.copyOf(notes);
    live = live == null ? LiveSessions.UNKNOWN : live;
  }

  /** A plan made without asking the running server. */
  public Plan(List<ResourceChange> resources, List<FileChange> files, Map<Path, String> liveFingerprints,
      String desiredFingerprint, List<String> notes) {
    this(resources, files, liveFingerprints, desiredFingerprint, notes, LiveSessions.UNKNOWN);
  }

  /** This plan with what occtl says about the running server, for its side effects. */
  public Plan withLive(LiveSessions sessions) {
    return new Plan(resources, files, liveFingerprints, desiredFingerprint, notes, sessions);
  }

  /**
   * True when apply has anything to do: files to change, or bans to lift on the running server
   * (like a disconnect, a pending unban is work a review and {@code -detailed-exitcode} must see).
   */
  public boolean hasChanges() {
    return changesFiles() || !live.unbans().isEmpty();
  }

  /** True when apply writes files; false for a plan that only lifts bans. */
  public boolean changesFiles() {
    return !resources.isEmpty() || !files.isEmpty();
  }

  /**
   * What apply does to the running server besides writing files: one reload or restart for all
   * configuration changes, the bans it lifts ({@code server.ban_allowlist}; a restart forgets every
   * ban), a disconnect of each removed or locked user, and the live sessions that keep firewall
   * rules the plan changes.
   */
  public List<String> sideEffects() {
    List<String> out = new java.util.ArrayList<>();
    boolean restart = false;
    boolean reload = false;
    for (ResourceChange r : resources) {
      List<String> effects = LiveEffects.of(r);
      restart |= effects.contains("restart");
      reload |= effects.contains("reload");
    }
    if (restart) {
      out.add("restart ocserv (an option read only at start changes)");
    } else {
      if (reload) {
        out.add("occtl reload");
      }
      live.unbans().forEach(u -> out.add(u.describe()));
    }
    for (ResourceChange r : resources) {
      if (LiveEffects.of(r).contains("disconnect")) {
        String name = r.address().name();
        if (!live.running()) {
          out.add("disconnect " + r.address());
        } else if (live.disconnectOnRemoval()) {
          out.add("disconnect " + r.address() + " (" + live.describeSessions(name) + ")");
        } else if (live.sessions(name) > 0) {
          out.add("keep " + r.address() + " connected (" + live.describeSessions(name) + "; on_user_removal = keep)");
        }
      } else if (live.running() && r.address().kind().equals("group")) {
        List<String> members = live.connectedMembers(r.address().name());
        if (!members.isEmpty()) {
          out.add(r.address() + " changes apply at the next connect of its connected members: " + String.join(", ", members));
        }
      }
    }
    FirewallPolicies.sideEffect(resources, live).ifPresent(out::add);
    return out;
  }

  public long count(Action action) {
    return resources.stream().filter(r -> r.action() == action).count();
  }

  /** {@code Plan: 1 to add, 2 to change, 0 to destroy.} or {@code No changes.} */
  public String summary() {
    if (!hasChanges()) {
      return "No changes.";
    }
    if (!changesFiles()) {
      int n = live.unbans().size();
      return "Plan: " + n + " address" + (n == 1 ? "" : "es") + " to unban on the running server.";
    }
    if (resources.isEmpty()) {
      return "Plan: " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " to change.";
    }
    return "Plan: " + count(Action.CREATE) + " to add, " + count(Action.UPDATE) + " to change, "
        + count(Action.DELETE) + " to destroy.";
  }
}
