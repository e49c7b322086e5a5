package io.ocsctl.engine.plan;

/** What a plan does to a resource. */
public enum Action {
  CREATE("+", "will be created"),
  UPDATE("~", "will be updated in place"),
  DELETE("-", "will be destroyed");

  public final String symbol;
  public final String description;

  Action(String symbol, String description) {
    this.symbol = symbol;
    this.description = description;
  }
}
