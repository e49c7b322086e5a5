package io.ocsctl.providers.occtl;

/**
 * A connect or disconnect seen by {@code occtl show events}. {@code event} is {@code "connect"} or
 * {@code "disconnect"}; {@code time} is when ocsctl saw it (ISO-8601, UTC); {@code reason} is the
 * disconnect reason, which only occtl's text mode prints (empty otherwise).
 */
public record OcctlEvent(
    String event,
    String time,
    long id,
    String user,
    String group,
    String vhost,
    String remoteIp,
    String vpnIp,
    String device,
    String reason) {}
