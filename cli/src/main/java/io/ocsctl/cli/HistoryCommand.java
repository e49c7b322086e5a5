package io.ocsctl.cli;

import io.ocsctl.state.History;
import io.ocsctl.state.StateDir;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "history",
    description = "List the applied revisions recorded in the history repository, newest first.")
final class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RootOptions where;

  @Option(
      names = {"-n", "-max", "--max"},
      defaultValue = "50",
      description = "At most this many revisions.")
  int max;

  @Override
  public Integer call() throws Exception {
    Path dir = where.stateDir();
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(new StateDir(dir).historyDir())) {
      out.println("No history yet: nothing has been applied with state directory " + dir + ".");
      return 0;
    }
    try (History history = History.open(StateDir.at(dir))) {
      for (History.Revision r : history.log(max)) {
        out.printf(
            "%s  %s  %-24s  %s%n",
            r.shortId(), r.time(), r.author(), r.message().lines().findFirst().orElse(""));
      }
    }
    return 0;
  }
}
