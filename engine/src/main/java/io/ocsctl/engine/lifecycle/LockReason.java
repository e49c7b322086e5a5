package io.ocsctl.engine.lifecycle;

import io.ocsctl.schema.model.Expiry;
import io.ocsctl.schema.model.Quota;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Why the desired state of a user is locked although it does not say {@code locked}: its account
 * ended, or it used up its quota for the current window. Decided against an injected clock, never
 * the system's, so plans and tests agree on the moment.
 */
public sealed interface LockReason {

  /** The words a plan shows after the change, e.g. {@code expired 2027-01-31}. */
  String words();

  record Expired(Expiry expiry) implements LockReason {
    @Override
    public String words() {
      return "expired " + expiry.written();
    }
  }

  record OverQuota(Quota quota, long used, Window window) implements LockReason {
    @Override
    public String words() {
      return "quota "
          + quota.written()
          + " used up: "
          + Bytes.human(used)
          + " in "
          + window.label()
          + ", unlocked "
          + window.end();
    }
  }

  /**
   * The reason a user with {@code expires} and {@code quota} (its own or its group's) is locked at
   * {@code now} on a server in {@code zone}, {@code used} being its traffic in the quota's current
   * window; expiry first, as it does not end with the window.
   */
  static Optional<LockReason> of(
      Optional<Expiry> expires,
      Optional<Quota> quota,
      Instant now,
      ZoneId zone,
      java.util.function.ToLongFunction<Window> used) {
    if (expires.isPresent() && !now.isBefore(expires.get().start(zone))) {
      return Optional.of(new Expired(expires.get()));
    }
    if (quota.isPresent()) {
      Window w = Window.containing(quota.get().period(), now, zone);
      long bytes = used.applyAsLong(w);
      if (bytes >= quota.get().bytes()) {
        return Optional.of(new OverQuota(quota.get(), bytes, w));
      }
    }
    return Optional.empty();
  }
}
