package io.ocsctl.schema.model;

/** A {@code [vhost:NAME]} section of ocserv.conf. */
public record Vhost(String name, Settings settings) {}
