package io.ocsctl.providers.openconnect;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A VPN login as a user would make it: the real client ({@link Openconnect}) or a test's stand-in.
 * It reports whether the tunnel came up, what the server pushed and how long it took; it judges
 * nothing (the engine compares).
 */
public interface VpnLogin {
  /** Logs in, brings the tunnel up, records what was pushed and ends the session. */
  Result login(Request request) throws IOException;

  /** Finds the client; empty when it is not installed. */
  @FunctionalInterface
  interface Factory {
    /** No client at all (tests that never log in). */
    Factory NONE = Optional::empty;

    Optional<VpnLogin> find();

    /** openconnect from {@code $OCSCTL_OPENCONNECT} or the PATH. */
    static Factory program(Map<String, String> env) {
      return () -> Openconnect.program(env).map(Openconnect::at);
    }
  }

  /**
   * One login: the server's URL, the user, the password (written to the client's stdin, never to
   * its arguments), the pin of the server's certificate and how long it may take.
   */
  record Request(String url, String user, String password, String serverCert, Duration timeout) {
    @Override
    public String toString() {
      return "Request[url=" + url + ", user=" + user + ", password=(sensitive)]";
    }
  }

  /**
   * What happened: {@code connected} when the tunnel came up (the server assigned an address);
   * {@code pushed} the client's view of the session (openconnect's script environment:
   * INTERNAL_IP4_ADDRESS, INTERNAL_IP4_DNS, CISCO_SPLIT_INC_0_ADDR...); {@code latency} from the
   * client's start to the tunnel (or to giving up); {@code output} the client's last lines, for the
   * reason of a failure.
   */
  record Result(
      boolean connected,
      Map<String, String> pushed,
      Duration latency,
      boolean timedOut,
      List<String> output) {
    public Result {
      pushed = Map.copyOf(pushed);
      output = List.copyOf(output);
    }
  }
}
