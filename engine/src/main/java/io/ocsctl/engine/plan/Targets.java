package io.ocsctl.engine.plan;

import io.ocsctl.engine.importer.ImportException;
import io.ocsctl.engine.importer.Importer;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.schema.Diagnostic;
import io.ocsctl.schema.InvalidInputException;
import io.ocsctl.schema.Suggestions;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Server;
import io.ocsctl.schema.model.User;
import io.ocsctl.schema.model.Vhost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -target ADDRESS}: the resources a plan is limited to, as Terraform's {@code -target};
 * empty for a plan of everything. A targeted plan is the plan of a desired state that is the live
 * server ({@link Importer#fromLive}) with only the targeted resources taken from the desired state
 * ({@link #narrow}), so everything else plans as "no change" and needs none of its secrets: the
 * emergency "lock this one user now" applies nothing else that is pending.
 */
public record Targets(List<Address> addresses) {
  public static final Targets ALL = new Targets(List.of());
  private static final Pattern NAMED =
      Pattern.compile("(vhost|group|user|firewall_policy)\\[\"([^\"\\\\]+)\"\\]");

  public Targets {
    addresses = List.copyOf(new TreeSet<>(addresses));
  }

  /** {@code server}, {@code user["alice"]}, {@code group["eng"]}, {@code vhost["x"]}... */
  public static Address parse(String text) throws InvalidInputException {
    String t = text.strip();
    if (t.equals("server")) {
      return Address.SERVER;
    }
    Matcher m = NAMED.matcher(t);
    if (!m.matches()) {
      throw invalid(
          Diagnostic.quote(text) + " is not a resource address",
          "write it as the plan shows it: server, user[\"alice\"], group[\"NAME\"], vhost[\"NAME\"]"
              + " or firewall_policy[\"NAME\"] (quote it for the shell: -target 'user[\"alice\"]')");
    }
    return Address.of(Address.Kind.of(m.group(1)).orElseThrow(), m.group(2));
  }

  public static Targets of(List<String> texts) throws InvalidInputException {
    List<Address> out = new ArrayList<>();
    for (String text : texts) {
      out.add(parse(text));
    }
    return new Targets(out);
  }

  public boolean all() {
    return addresses.isEmpty();
  }

  public boolean includes(Address address) {
    return all() || addresses.contains(address);
  }

  /** The warning every format of a targeted plan shows, as Terraform's. */
  public Optional<String> warning() {
    if (all()) {
      return Optional.empty();
    }
    return Optional.of(
        "Resource targeting is in effect (-target "
            + String.join(", ", addresses.stream().map(Address::toString).toList())
            + "): only these resources are planned; any other change the desired state asks for"
            + " is not applied. -target is for exceptional situations: run a plan without it"
            + " afterwards");
  }

  /**
   * The desired state a targeted plan compares with the live server: the live server, with each
   * targeted resource as the desired state declares it (or removed when it declares none), plus
   * what a targeted resource needs that the server does not have yet (a new group of a targeted
   * user). The server's ban allowlist is the desired one only when the server is targeted: lifting
   * bans is a change too.
   */
  public DesiredState narrow(DesiredState desired, LiveState live)
      throws ImportException, InvalidInputException {
    DesiredState current = Importer.fromLive(live);
    unknown(desired, current);
    Server server =
        includes(Address.SERVER)
            ? desired.server()
            : new Server(
                current.server().settings(),
                current.server().firewall(),
                desired.server().onUserRemoval(),
                List.of());
    Map<String, Vhost> vhosts =
        pick(Address.Kind.VHOST, desired.vhosts(), current.vhosts(), Set.of());
    Set<String> neededGroups = new LinkedHashSet<>();
    for (User u : desired.users().values()) {
      if (addresses.contains(Address.user(u.name()))) {
        u.groups().stream()
            .filter(g -> !current.groups().containsKey(g) && desired.groups().containsKey(g))
            .forEach(neededGroups::add);
      }
    }
    Map<String, Group> groups =
        pick(Address.Kind.GROUP, desired.groups(), current.groups(), neededGroups);
    Map<String, User> users = pick(Address.Kind.USER, desired.users(), current.users(), Set.of());
    // the canary is no resource: a targeted plan keeps it (its login, its sessions left out)
    return new DesiredState(server, vhosts, desired.policies(), groups, users, desired.canary());
  }

  /** Each resource of a kind: the desired one when targeted (or needed), else the live one. */
  private <T> Map<String, T> pick(
      Address.Kind kind, Map<String, T> desired, Map<String, T> current, Set<String> needed) {
    Map<String, T> out = new LinkedHashMap<>();
    current.forEach(
        (name, value) -> {
          if (!addresses.contains(Address.of(kind, name))) {
            out.put(name, value);
          }
        });
    desired.forEach(
        (name, value) -> {
          if (addresses.contains(Address.of(kind, name)) || needed.contains(name)) {
            out.put(name, value);
          }
        });
    return out;
  }

  /** Refuses a target that names nothing in the desired state or on the server (a typo). */
  private void unknown(DesiredState desired, DesiredState current) throws InvalidInputException {
    Set<String> known = new TreeSet<>();
    known.add(Address.SERVER.toString());
    for (DesiredState s : List.of(desired, current)) {
      s.vhosts().keySet().forEach(n -> known.add(Address.vhost(n).toString()));
      s.groups().keySet().forEach(n -> known.add(Address.group(n).toString()));
      s.users().keySet().forEach(n -> known.add(Address.user(n).toString()));
      s.policies().keySet().forEach(n -> known.add(Address.policy(n).toString()));
    }
    for (Address a : addresses) {
      if (a.kind() == Address.Kind.FIREWALL_POLICY) {
        throw invalid(
            a + ": a firewall policy is planned through the groups and users it" + " reaches",
            "target those groups or users instead");
      }
      if (!known.contains(a.toString())) {
        throw invalid(
            a + " names no resource of the desired state or of the server",
            Suggestions.didYouMean(a.toString(), known)
                .map(s -> "did you mean -target '" + s + "'?")
                .orElse("use an address the plan shows, e.g. user[\"alice\"]"));
      }
    }
  }

  private static InvalidInputException invalid(String message, String hint) {
    return new InvalidInputException(new Diagnostic("-target", 0, 0, message, hint, ""));
  }
}
