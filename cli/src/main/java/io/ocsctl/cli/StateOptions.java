package io.ocsctl.cli;

import io.ocsctl.state.History;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of commands that change the live tree: locking and history. */
final class StateOptions {
  @Option(
      names = {"-lock-timeout", "--lock-timeout"},
      paramLabel = "DURATION",
      defaultValue = "0",
      converter = Durations.class,
      description =
          "Wait this long for another apply to finish: 10s, 2m, 1h30m (a plain number is"
              + " seconds; default: fail at once).")
  Duration lockTimeout;

  @Option(
      names = {"-author", "--author"},
      paramLabel = "\"NAME <EMAIL>\"",
      description =
          "Author of the history commit (default: GIT_AUTHOR_NAME/EMAIL, git config, ocsctl).")
  String author;

  @Option(
      names = {"-history-remote", "--history-remote"},
      paramLabel = "URL",
      description = "Push the history repository here after each apply.")
  String historyRemote;

  Duration lockTimeout() {
    return lockTimeout;
  }

  History.Author resolvedAuthor() {
    return History.resolveAuthor(author);
  }

  Optional<String> remote() {
    return Optional.ofNullable(historyRemote);
  }
}
