package io.ocsctl.cli;

import io.ocsctl.state.History;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of commands that change the live tree: locking and history. */
final class StateOptions {
  @Option(
      names = {"-lock-timeout", "--lock-timeout"},
      paramLabel = "SECONDS",
      defaultValue = "0",
      description = "Wait this long for another apply to finish (default: fail at once).")
  long lockTimeoutSeconds;

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
    return Duration.ofSeconds(lockTimeoutSeconds);
  }

  History.Author resolvedAuthor() {
    return History.resolveAuthor(author);
  }

  Optional<String> remote() {
    return Optional.ofNullable(historyRemote);
  }
}
