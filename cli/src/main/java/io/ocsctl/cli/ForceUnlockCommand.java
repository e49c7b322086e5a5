package io.ocsctl.cli;

import io.ocsctl.state.ApplyLock;
import io.ocsctl.state.LockInfo;
import io.ocsctl.state.StateDir;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "force-unlock",
    description = "Remove the apply lock left by a process that is gone.")
final class ForceUnlockCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOptions where;

  @Option(
      names = {"-force", "--force"},
      description = "Remove the lock even though its holder still runs on this host.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    StateDir dir = new StateDir(where.stateDir());
    Optional<LockInfo> holder = ApplyLock.holder(dir);
    if (holder.isEmpty()) {
      // an empty or corrupt lock file names no holder: removing it is what the user asked for
      spec.commandLine()
          .getOut()
          .println(
              ApplyLock.forceUnlock(dir)
                  ? "Removed an empty or unreadable lock file."
                  : "No lock is held.");
      return 0;
    }
    if (!holder.get().isDeadOnThisHost() && !force) {
      spec.commandLine()
          .getErr()
          .println(
              "error: the lock holder (pid "
                  + holder.get().pid()
                  + " on "
                  + holder.get().host()
                  + ") may still be running.");
      spec.commandLine().getErr().println("  = fix: check that no apply runs, then pass -force.");
      return 1;
    }
    ApplyLock.forceUnlock(dir);
    spec.commandLine()
        .getOut()
        .println(
            "Removed the lock of pid " + holder.get().pid() + " on " + holder.get().host() + ".");
    return 0;
  }
}
