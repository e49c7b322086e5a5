package io.ocsctl.providers.occtl;

/**
 * One address in {@code occtl show ip bans} (banned, with the time the ban ends in {@code until})
 * or {@code show ip ban points} (its score so far; {@code until} empty).
 */
public record BanEntry(String ip, long score, String until) {}
