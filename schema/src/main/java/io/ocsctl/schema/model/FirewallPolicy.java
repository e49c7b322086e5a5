package io.ocsctl.schema.model;

/** A named, reusable firewall policy. */
public record FirewallPolicy(String name, Firewall firewall) {}
