package io.ocsctl.engine.plan;

/** A resource address as plans print it: {@code server}, {@code user["alice"]}. */
public record Address(String kind, String name) implements Comparable<Address> {
  public static final Address SERVER = new Address("server", null);

  public static Address of(String kind, String name) {
    return new Address(kind, name);
  }

  @Override
  public String toString() {
    return name == null ? kind : kind + "[\"" + name + "\"]";
  }

  @Override
  public int compareTo(Address o) {
    return toString().compareTo(o.toString());
  }
}
