package io.ocsctl.engine.plan;

import java.util.Arrays;
import java.util.Optional;

/** A resource address as plans print it: {@code server}, {@code user["alice"]}. */
public record Address(Kind kind, String name) implements Comparable<Address> {
  public static final Address SERVER = new Address(Kind.SERVER, null);

  /**
   * The kinds of resource a plan changes; {@code label} is how plans, JSON and saved plans spell
   * it.
   */
  public enum Kind {
    SERVER("server"),
    VHOST("vhost"),
    GROUP("group"),
    USER("user"),
    FIREWALL_POLICY("firewall_policy");

    public final String label;

    Kind(String label) {
      this.label = label;
    }

    public static Optional<Kind> of(String label) {
      return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public Address {
    if (kind == null) {
      throw new IllegalArgumentException("an address needs a kind");
    }
    if ((kind == Kind.SERVER) != (name == null)) {
      throw new IllegalArgumentException(
          "only the server address has no name: " + kind + " " + name);
    }
  }

  public static Address of(Kind kind, String name) {
    return new Address(kind, name);
  }

  public static Address user(String name) {
    return new Address(Kind.USER, name);
  }

  public static Address group(String name) {
    return new Address(Kind.GROUP, name);
  }

  public static Address vhost(String name) {
    return new Address(Kind.VHOST, name);
  }

  public static Address policy(String name) {
    return new Address(Kind.FIREWALL_POLICY, name);
  }

  @Override
  public String toString() {
    return name == null ? kind.label : kind.label + "[\"" + name + "\"]";
  }

  @Override
  public int compareTo(Address o) {
    return toString().compareTo(o.toString());
  }
}
