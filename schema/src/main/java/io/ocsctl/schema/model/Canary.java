package io.ocsctl.schema.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code canary} block: a declared user that {@code apply -verify} and {@code doctor -login}
 * log in as with the real openconnect client, to prove a change left logins working. {@code
 * password} is read when the login runs (environment variable or file, never a hash: the client
 * needs the clear text); {@code connect} is empty for the server's own listen-host and tcp-port;
 * {@code serverCert} is the pin openconnect's {@code --servercert} takes. Not written to any file.
 */
public record Canary(
    String user,
    Secret password,
    Optional<String> connect,
    String serverCert,
    List<String> expectRoutes,
    List<String> expectDns,
    Duration timeout) {
  /** How long a login may take when the block gives no {@code timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  public Canary {
    expectRoutes = List.copyOf(expectRoutes);
    expectDns = List.copyOf(expectDns);
  }

  /**
   * A duration written as Go and Terraform write them: {@code 20s}, {@code 1m30s}, {@code 500ms};
   * empty when {@code text} is not one (or is zero).
   */
  public static Optional<Duration> parseDuration(String text) {
    return io.ocsctl.schema.Durations.parse(text).filter(d -> !d.isZero());
  }

  /** {@code d} as {@link #parseDuration} reads it back: {@code 1m30s}, {@code 1500ms}. */
  public static String durationText(Duration d) {
    if (d.toMillisPart() != 0 || d.isZero()) {
      return d.toMillis() + "ms";
    }
    StringBuilder out = new StringBuilder();
    if (d.toHours() > 0) {
      out.append(d.toHours()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      out.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0) {
      out.append(d.toSecondsPart()).append('s');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "Canary[user=" + user + ", password=(sensitive)]";
  }
}
