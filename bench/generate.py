#!/usr/bin/env python3
"""Generates a synthetic ocserv estate of N users for ocsctl's benchmark.

Writes OUT/live (a server tree: ocserv.conf with ~60 options and 2 vhosts, an ocpasswd of N
users with $6$ hashes, N/20 groups with per-group files, a per-user file for every 10th user)
and OUT/desired.hcl + OUT/desired.yaml that describe exactly that tree. With --drift P, P% of
the users in the live tree are changed by hand (locked, regrouped) so a plan finds that drift.
Deterministic for a given N and seed.
"""
import argparse
import os
import random
import string

ALPHABET = string.ascii_letters + string.digits + "./"

MAIN = [
    ("auth", "plain[passwd=/etc/ocserv/ocpasswd]"), ("tcp-port", 443), ("udp-port", 443),
    ("run-as-user", "nobody"), ("run-as-group", "daemon"), ("socket-file", "/run/ocserv-socket"),
    ("server-cert", "/etc/ocserv/server-cert.pem"), ("server-key", "/etc/ocserv/server-key.pem"),
    ("isolate-workers", True), ("max-clients", 10000), ("max-same-clients", 2), ("rate-limit-ms", 100),
    ("server-stats-reset-time", 604800), ("keepalive", 32400), ("dpd", 90), ("mobile-dpd", 1800),
    ("switch-to-tcp-timeout", 25), ("try-mtu-discovery", False), ("cert-user-oid", "0.9.2342.19200300.100.1.1"),
    ("tls-priorities", "NORMAL:%SERVER_PRECEDENCE:%COMPAT:-VERS-SSL3.0"), ("auth-timeout", 240),
    ("idle-timeout", 1200), ("mobile-idle-timeout", 2400), ("max-ban-score", 80), ("ban-reset-time", 1200),
    ("cookie-timeout", 300), ("deny-roaming", False), ("rekey-time", 172800), ("rekey-method", "ssl"),
    ("use-occtl", True), ("pid-file", "/run/ocserv.pid"), ("log-level", 1), ("device", "vpns"),
    ("predictable-ips", True), ("default-domain", "example.com"), ("ipv4-network", "10.128.0.0/10"),
    ("tunnel-all-dns", False), ("ping-leases", False), ("mtu", 1420), ("cisco-client-compat", True),
    ("dtls-legacy", True), ("client-bypass-protocol", False), ("config-per-user", "/etc/ocserv/config-per-user/"),
    ("config-per-group", "/etc/ocserv/config-per-group/"), ("default-select-group", "DEFAULT"),
    ("auto-select-group", False), ("stats-report-time", 360), ("server-drain-ms", 0),
    ("occtl-socket-file", "/run/occtl.socket"), ("net-priority", "3"),
    ("session-timeout", 86400), ("persistent-cookies", True), ("compression", False),
    ("no-compress-limit", 256), ("sec-mod-scale", 0), ("udp-listen-host", "0.0.0.0"),
    ("listen-host", "0.0.0.0"),
]
MAIN_LISTS = [("dns", ["10.0.0.53", "10.0.1.53"]), ("route", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]),
              ("no-route", ["10.255.0.0/16"])]
VHOSTS = {
    "vpn2.example.com": [("auth", "certificate"), ("server-cert", "/etc/ocserv/server-cert.pem"),
                         ("server-key", "/etc/ocserv/server-key.pem"), ("ca-cert", "/etc/ocserv/server-cert.pem"),
                         ("cert-user-oid", "2.5.4.3"), ("ipv4-network", "10.64.0.0/16")],
    "vpn3.example.com": [("auth", "certificate"), ("server-cert", "/etc/ocserv/server-cert.pem"),
                         ("server-key", "/etc/ocserv/server-key.pem"), ("ca-cert", "/etc/ocserv/server-cert.pem"),
                         ("cert-user-oid", "2.5.4.3"), ("ipv4-network", "10.65.0.0/16")],
}


def conf_value(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    s = str(v)
    return s if all(c.isalnum() or c in "._/:@,+=*-" for c in s) else '"%s"' % s


def hcl_value(v):
    if v is True or v is False:
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(hcl_value(x) for x in v) + "]"
    return '"%s"' % str(v).replace("\\", "\\\\").replace('"', '\\"').replace("${", "$${")


def yaml_value(v):
    if v is True or v is False:
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(yaml_value(x) for x in v) + "]"
    return '"%s"' % str(v).replace("\\", "\\\\").replace('"', '\\"')


def fake_hash(rng):
    salt = "".join(rng.choice(ALPHABET) for _ in range(16))
    return "$6$%s$%s" % (salt, "".join(rng.choice(ALPHABET) for _ in range(86)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--drift", type=float, default=0.0, help="percent of users changed by hand in live/")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    n = args.n
    groups = ["team%04d" % g for g in range(max(1, n // 20))]
    users = []
    for i in range(n):
        name = "user%06d" % i
        users.append({
            "name": name,
            "groups": [groups[i % len(groups)]] + ([groups[(i * 7) % len(groups)]] if i % 5 == 0 and len(groups) > 1 and (i * 7) % len(groups) != i % len(groups) else []),
            "hash": fake_hash(rng),
            "locked": i % 97 == 0,
            "settings": [("ipv4-network", "10.%d.%d.0/24" % (200 + (i // 2560) % 50, (i // 10) % 256))] if i % 10 == 0 else [],
        })
    live = os.path.join(args.out, "live", "etc", "ocserv")
    os.makedirs(os.path.join(live, "config-per-user"), exist_ok=True)
    os.makedirs(os.path.join(live, "config-per-group"), exist_ok=True)

    with open(os.path.join(live, "ocserv.conf"), "w") as f:
        f.write("# generated by bench/generate.py: %d users\n\n" % n)
        for k, v in MAIN:
            f.write("%s = %s\n" % (k, conf_value(v)))
        for k, vs in MAIN_LISTS:
            for v in vs:
                f.write("%s = %s\n" % (k, conf_value(v)))
        for host, opts in VHOSTS.items():
            f.write("\n[vhost:%s]\n" % host)
            for k, v in opts:
                f.write("%s = %s\n" % (k, conf_value(v)))

    drifted = set(rng.sample(range(n), int(n * args.drift / 100))) if args.drift > 0 else set()
    with open(os.path.join(live, "ocpasswd"), "w") as f:
        for i, u in enumerate(users):
            locked = (not u["locked"]) if i in drifted else u["locked"]
            f.write("%s:%s:%s%s\n" % (u["name"], ",".join(u["groups"]) or "*", "!" if locked else "", u["hash"]))
    os.chmod(os.path.join(live, "ocpasswd"), 0o600)
    for g_index, g in enumerate(groups):
        with open(os.path.join(live, "config-per-group", g), "w") as f:
            f.write("route = 10.%d.%d.0/24\n" % (g_index // 256 % 256, g_index % 256))
            f.write("dns = 10.0.0.53\n")
    for u in users:
        if u["settings"]:
            with open(os.path.join(live, "config-per-user", u["name"]), "w") as f:
                for k, v in u["settings"]:
                    f.write("%s = %s\n" % (k, v))

    with open(os.path.join(args.out, "desired.hcl"), "w") as f:
        f.write("version = 1\n\nserver {\n  settings = {\n")
        for k, v in MAIN:
            f.write('    "%s" = %s\n' % (k, hcl_value(v)))
        for k, vs in MAIN_LISTS:
            f.write('    "%s" = %s\n' % (k, hcl_value(vs)))
        f.write("  }\n}\n")
        for host, opts in VHOSTS.items():
            f.write('\nvhost "%s" {\n  settings = {\n' % host)
            for k, v in opts:
                f.write('    "%s" = %s\n' % (k, hcl_value(v)))
            f.write("  }\n}\n")
        for g_index, g in enumerate(groups):
            f.write('\ngroup "%s" {\n  settings = { "route" = ["10.%d.%d.0/24"], "dns" = ["10.0.0.53"] }\n}\n'
                    % (g, g_index // 256 % 256, g_index % 256))
        for u in users:
            f.write('\nuser "%s" {\n  groups        = %s\n  password_hash = %s\n'
                    % (u["name"], hcl_value(u["groups"]), hcl_value(u["hash"])))
            if u["locked"]:
                f.write("  locked        = true\n")
            if u["settings"]:
                f.write("  settings      = { %s }\n" % ", ".join('"%s" = %s' % (k, hcl_value(v)) for k, v in u["settings"]))
            f.write("}\n")

    with open(os.path.join(args.out, "desired.yaml"), "w") as f:
        f.write("version: 1\nserver:\n  settings:\n")
        for k, v in MAIN:
            f.write("    %s: %s\n" % (k, yaml_value(v)))
        for k, vs in MAIN_LISTS:
            f.write("    %s: %s\n" % (k, yaml_value(vs)))
        f.write("vhost:\n")
        for host, opts in VHOSTS.items():
            f.write("  %s:\n    settings:\n" % host)
            for k, v in opts:
                f.write("      %s: %s\n" % (k, yaml_value(v)))
        f.write("group:\n")
        for g_index, g in enumerate(groups):
            f.write("  %s: { settings: { route: [10.%d.%d.0/24], dns: [10.0.0.53] } }\n"
                    % (g, g_index // 256 % 256, g_index % 256))
        f.write("user:\n")
        for u in users:
            f.write("  %s:\n    groups: %s\n    password_hash: %s\n" % (u["name"], yaml_value(u["groups"]), yaml_value(u["hash"])))
            if u["locked"]:
                f.write("    locked: true\n")
            if u["settings"]:
                f.write("    settings: { %s }\n" % ", ".join("%s: %s" % (k, yaml_value(v)) for k, v in u["settings"]))


if __name__ == "__main__":
    main()
