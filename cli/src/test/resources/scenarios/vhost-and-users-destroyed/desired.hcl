# Every user and the old vhost are gone from the desired state: plan shows it, apply refuses
# without -allow-mass-destroy and changes nothing.
# Desired state of vpn.example.com. 'ocsctl plan -f desired.hcl --root live' shows what differs.
version = 1

server {
  settings = {
    "auth"             = "plain[passwd=/etc/ocserv/ocpasswd]"
    "tcp-port"         = 443
    "udp-port"         = 443
    "run-as-user"      = "nobody"
    "run-as-group"     = "daemon"
    "socket-file"      = "/run/ocserv-socket"
    "server-cert"      = "/etc/ocserv/server-cert.pem"
    "server-key"       = "/etc/ocserv/server-key.pem"
    "max-clients"      = 32
    "max-same-clients" = 2
    "keepalive"        = 32400
    "dpd"              = 90
    "try-mtu-discovery" = false
    "auth-timeout"     = 240
    "cookie-timeout"   = 300
    "use-occtl"        = true
    "pid-file"         = "/run/ocserv.pid"
    "device"           = "vpns"
    "predictable-ips"  = true
    "default-domain"   = "example.com"
    "ipv4-network"     = "192.168.99.0"
    "ipv4-netmask"     = "255.255.255.0"
    "dns"              = "192.168.99.1"
    "route"            = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
    "config-per-user"  = "/etc/ocserv/config-per-user/"
    "config-per-group" = "/etc/ocserv/config-per-group/"
  }
}

vhost "vpn2.example.com" {
  settings = {
    "auth"        = "certificate"
    "server-cert" = "/etc/ocserv/server-cert.pem"
    "server-key"  = "/etc/ocserv/server-key.pem"
    "ipv4-network" = "192.168.97.0/24"
    "ca-cert"      = "/etc/ocserv/server-cert.pem"
    "cert-user-oid" = "2.5.4.3"
  }
}

firewall_policy "web-only" {
  restrict_to_routes = true
  allow_ports        = ["tcp(443)", "udp(53)"]
}

group "engineering" {
  settings = { "route" = ["10.10.0.0/16", "10.11.0.0/16"], "dns" = ["10.10.0.53"] }
}

group "ops" {
  settings = { "route" = ["10.20.0.0/16"] }
}

group "contractors" {
  settings = { "route" = ["10.30.0.0/16"] }
  firewall = "web-only"
}



