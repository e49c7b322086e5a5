package io.ocsctl.engine.lifecycle;

import io.ocsctl.engine.plan.Address;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.providers.passwd.PasswdEntry;
import io.ocsctl.providers.passwd.PasswdFile;
import io.ocsctl.schema.model.DesiredState;
import io.ocsctl.schema.model.User;
import java.util.ArrayList;
import java.util.List;

/**
 * The users whose passwd line an expiry or a quota locks or unlocks now ({@code apply
 * -expired-only}, for a daily or hourly timer): found from the desired state, the clock and the
 * live lines alone, so no other user's secret is needed.
 */
public final class LifecycleChanges {
  private LifecycleChanges() {}

  /** The addresses of those users, in the desired state's order. */
  public static List<Address> of(DesiredState desired, LiveState live, Lifecycle lifecycle) {
    List<Address> out = new ArrayList<>();
    for (User u : desired.users().values()) {
      PasswdEntry line = null;
      for (PasswdFile file : live.passwdFiles().values()) {
        line = line != null ? line : file.get(u.name());
      }
      if (line == null || u.locked()) {
        continue; // a new user, or one the desired state locks itself: a full apply's business
      }
      boolean due = lifecycle.lockReason(u, desired).isPresent();
      boolean periodBegan = !due && lifecycle.quota(u, desired).isPresent();
      if ((due && !line.locked()) || (periodBegan && line.locked())) {
        out.add(Address.user(u.name()));
      }
    }
    return out;
  }
}
