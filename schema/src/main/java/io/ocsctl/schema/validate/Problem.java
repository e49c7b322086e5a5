package io.ocsctl.schema.validate;

/** A problem with a value and how to fix it, before it is placed in a file. */
public record Problem(String message, String hint) {}
