package io.ocsctl.engine.lifecycle;

import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.Expiry;
import io.ocsctl.schema.model.Group;
import io.ocsctl.schema.model.Quota;
import io.ocsctl.schema.model.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The moment a plan is made, the server's zone, and the traffic used so far: what decides whether
 * an expiry or a quota locks a user. The planner gets it passed in (a clock of the test's choosing,
 * never the system's inside the engine).
 */
public record Lifecycle(Instant now, ZoneId zone, Traffic traffic, Hook hook, Duration lookAhead) {

  /** How far ahead a plan lists the accounts that are about to end, unless told otherwise. */
  public static final Duration LOOK_AHEAD = Duration.ofDays(7);

  /**
   * How ocserv's disconnect hook reaches ocsctl on the server: the command and the state directory,
   * as paths on the server (a plan made in CI on a copied tree writes the same hook).
   */
  public record Hook(String command, String stateDir) {
    public static final Hook DEFAULT = new Hook("/usr/bin/ocsctl", "/var/lib/ocsctl");
  }

  /** Bytes in and out of {@code user} in {@code window}. */
  @FunctionalInterface
  public interface Traffic {
    long used(String user, Window window);

    Traffic NONE = (user, window) -> 0;
  }

  public Lifecycle {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(lookAhead, "lookAhead");
  }

  /** At {@code clock}'s instant and zone, with no traffic counted and the packaged paths. */
  public static Lifecycle at(Clock clock) {
    return new Lifecycle(clock.instant(), clock.getZone(), Traffic.NONE, Hook.DEFAULT, LOOK_AHEAD);
  }

  public Lifecycle with(Traffic counted) {
    return new Lifecycle(now, zone, counted, hook, lookAhead);
  }

  public Lifecycle with(Hook paths) {
    return new Lifecycle(now, zone, traffic, paths, lookAhead);
  }

  /** This lifecycle, listing the accounts that end within {@code within}. */
  public Lifecycle lookingAhead(Duration within) {
    return new Lifecycle(now, zone, traffic, hook, within);
  }

  /** The expiry of {@code user}: its own, else the earliest of its groups' defaults. */
  public Optional<Expiry> expires(User user, DesiredState desired) {
    return user.expires().isPresent()
        ? user.expires()
        : groups(user, desired).stream()
            .flatMap(g -> g.expires().stream())
            .min(Comparator.comparing(e -> e.start(zone)));
  }

  /** The quota of {@code user}: its own, else the first of its groups (in its order) with one. */
  public Optional<Quota> quota(User user, DesiredState desired) {
    return user.quota().isPresent()
        ? user.quota()
        : groups(user, desired).stream().flatMap(g -> g.quota().stream()).findFirst();
  }

  /**
   * Why {@code user}'s passwd line must be locked now, though the desired state does not say it.
   */
  public Optional<LockReason> lockReason(User user, DesiredState desired) {
    return LockReason.of(
        expires(user, desired),
        quota(user, desired),
        now,
        zone,
        window -> traffic.used(user.name(), window));
  }

  /**
   * Why {@code user} is unlocked now though its passwd line is locked: it has a quota and has not
   * used it up in the current window (a new period began), and it has not expired; empty otherwise
   * (an admin's unlock says nothing more than the desired state).
   */
  public Optional<String> unlockReason(User user, DesiredState desired) {
    if (user.locked() || lockReason(user, desired).isPresent()) {
      return Optional.empty();
    }
    return quota(user, desired)
        .map(
            q -> {
              Window w = Window.containing(q.period(), now, zone);
              return "quota "
                  + q.written()
                  + ": "
                  + Bytes.human(traffic.used(user.name(), w))
                  + " used in "
                  + w.label();
            });
  }

  /** A user whose account ends within a look-ahead, for reviewers. */
  public record Expiring(String user, Expiry expiry, Instant at) {}

  /** The users not yet expired whose account ends within the look-ahead, soonest first. */
  public List<Expiring> expiring(DesiredState desired) {
    List<Expiring> out = new ArrayList<>();
    Instant until = now.plus(lookAhead);
    for (User u : desired.users().values()) {
      expires(u, desired)
          .ifPresent(
              e -> {
                Instant at = e.start(zone);
                if (at.isAfter(now) && !at.isAfter(until)) {
                  out.add(new Expiring(u.name(), e, at));
                }
              });
    }
    out.sort(Comparator.comparing(Expiring::at).thenComparing(Expiring::user));
    return out;
  }

  /**
   * The next moment an answer about {@code desired} changes with time alone: an account ends, or
   * enters the look-ahead before it ends; empty when none is ahead.
   */
  public Optional<Instant> nextChange(DesiredState desired) {
    return desired.users().values().stream()
        .flatMap(u -> expires(u, desired).stream())
        .map(e -> e.start(zone))
        .flatMap(end -> java.util.stream.Stream.of(end, end.minus(lookAhead)))
        .filter(at -> at.isAfter(now))
        .min(Comparator.naturalOrder());
  }

  /** True when any user or group of {@code desired} has an expiry or a quota. */
  public static boolean inUse(DesiredState desired) {
    return desired.users().values().stream()
            .anyMatch(u -> u.expires().isPresent() || u.quota().isPresent())
        || desired.groups().values().stream()
            .anyMatch(g -> g.expires().isPresent() || g.quota().isPresent());
  }

  /** True when any user or group of {@code desired} has a quota: the disconnect hook is needed. */
  public static boolean hasQuotas(DesiredState desired) {
    return desired.users().values().stream().anyMatch(u -> u.quota().isPresent())
        || desired.groups().values().stream().anyMatch(g -> g.quota().isPresent());
  }

  private static List<Group> groups(User user, DesiredState desired) {
    return user.groups().stream().map(desired.groups()::get).filter(Objects::nonNull).toList();
  }
}
