package io.ocsctl.engine.plan;

import java.util.List;
import java.util.Optional;

/**
 * A reason apply must not go ahead without an explicit flag, decided with the plan: every format of
 * the plan shows it ({@link #warning}), and apply refuses it unless allowed.
 */
public sealed interface Guard {
  /** The line plans print; empty when another line of the plan already says it. */
  Optional<String> warning();

  /** The typo that deletes everyone: every user, more than 10% of them (at least 5), or a vhost. */
  record MassDestroy(String reason) implements Guard {
    public Optional<String> warning() {
      return Optional.of(reason + "; apply needs -allow-mass-destroy");
    }
  }

  /**
   * A change ocserv reads only at start: every session ends, and apply needs -allow-restart when
   * ocserv runs. The plan's {@link ServerAction.Restart} line already shows it.
   */
  record RestartNeeded(List<String> reasons) implements Guard {
    public RestartNeeded {
      reasons = List.copyOf(reasons);
    }

    public Optional<String> warning() {
      return Optional.empty();
    }
  }
}
