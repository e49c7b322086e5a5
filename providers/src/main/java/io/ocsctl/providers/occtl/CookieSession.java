package io.ocsctl.providers.occtl;

/**
 * One session (an authentication cookie) as {@code occtl show sessions all|valid} and {@code show
 * session SID} print it; {@code open} when a connection uses it now.
 */
public record CookieSession(
    String session,
    String user,
    String group,
    String state,
    String vhost,
    String remoteIp,
    String userAgent,
    String created,
    String expires,
    boolean open,
    boolean inUse) {}
