# The Debian package's ocserv.conf (server-cert/-key uncommented), declared key by key,
# with two reviewed changes:
# max-clients 16 -> 128 and one more DNS server. Only those lines may change.
server {
  settings = {
    "auth" = "plain[passwd=/etc/ocserv/passwd]"
    "tcp-port" = "443"
    "udp-port" = "443"
    "run-as-user" = "ocserv"
    "run-as-group" = "ocserv"
    "server-cert" = "/etc/ocserv/server-cert.pem"
    "server-key" = "/etc/ocserv/server-key.pem"
    "socket-file" = "/run/ocserv-socket"
    "chroot-dir" = "/var/lib/ocserv"
    "isolate-workers" = "true"
    "max-clients" = "128"
    "max-same-clients" = "2"
    "rate-limit-ms" = "100"
    "server-stats-reset-time" = "604800"
    "keepalive" = "32400"
    "dpd" = "90"
    "mobile-dpd" = "1800"
    "switch-to-tcp-timeout" = "25"
    "try-mtu-discovery" = "false"
    "cert-user-oid" = "0.9.2342.19200300.100.1.1"
    "tls-priorities" = "NORMAL:%SERVER_PRECEDENCE:%COMPAT:-VERS-SSL3.0:-VERS-TLS1.0:-VERS-TLS1.1:-VERS-TLS1.3"
    "auth-timeout" = "240"
    "min-reauth-time" = "300"
    "max-ban-score" = "80"
    "ban-reset-time" = "1200"
    "cookie-timeout" = "300"
    "deny-roaming" = "false"
    "rekey-time" = "172800"
    "rekey-method" = "ssl"
    "use-occtl" = "true"
    "pid-file" = "/run/ocserv.pid"
    "log-level" = "1"
    "device" = "vpns"
    "predictable-ips" = "true"
    "default-domain" = "example.com"
    "ipv4-network" = "192.168.1.0"
    "ipv4-netmask" = "255.255.255.0"
    "dns" = ["192.168.1.1", "192.168.1.2"]
    "ping-leases" = "false"
    "route" = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
    "cisco-client-compat" = "true"
    "dtls-legacy" = "true"
    "client-bypass-protocol" = "false"
  }
}
user "alice" {
  password_hash = "$5$YGzKzcecKi30fvIo$Jstb9GXpA22DAaDMf3zulPVINYB.8qgsFukMunWMqrB"
}
