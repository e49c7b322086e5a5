# vpn.example.com as in no-changes, with a running server that banned addresses of the allowlist.
version = 1

server {
  settings = {
    "auth"              = "plain[passwd=/etc/ocserv/ocpasswd]"
    "tcp-port"          = 443
    "udp-port"          = 443
    "run-as-user"       = "nobody"
    "run-as-group"      = "daemon"
    "socket-file"       = "/run/ocserv-socket"
    "server-cert"       = "/etc/ocserv/server-cert.pem"
    "server-key"        = "/etc/ocserv/server-key.pem"
    "max-clients"       = 32
    "max-same-clients"  = 2
    "keepalive"         = 32400
    "dpd"               = 90
    "try-mtu-discovery" = false
    "auth-timeout"      = 240
    "cookie-timeout"    = 300
    "use-occtl"         = true
    "pid-file"          = "/run/ocserv.pid"
    "device"            = "vpns"
    "predictable-ips"   = true
    "default-domain"    = "example.com"
    "ipv4-network"      = "192.168.99.0"
    "ipv4-netmask"      = "255.255.255.0"
    "dns"               = "192.168.99.1"
    "route"             = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
    "config-per-user"   = "/etc/ocserv/config-per-user/"
    "config-per-group"  = "/etc/ocserv/config-per-group/"
  }
  # the monitoring host, the office network, a colleague's IPv6 host (ocserv bans its /64)
  ban_allowlist = ["192.0.2.10", "10.1.0.0/16", "2001:db8:1:2::7"]
}

vhost "old.example.com" {
  settings = {
    "auth"          = "certificate"
    "server-cert"   = "/etc/ocserv/server-cert.pem"
    "server-key"    = "/etc/ocserv/server-key.pem"
    "ipv4-network"  = "192.168.98.0/24"
    "ca-cert"       = "/etc/ocserv/server-cert.pem"
    "cert-user-oid" = "2.5.4.3"
  }
}

vhost "vpn2.example.com" {
  settings = {
    "auth"          = "certificate"
    "server-cert"   = "/etc/ocserv/server-cert.pem"
    "server-key"    = "/etc/ocserv/server-key.pem"
    "ipv4-network"  = "192.168.97.0/24"
    "ca-cert"       = "/etc/ocserv/server-cert.pem"
    "cert-user-oid" = "2.5.4.3"
  }
}

firewall_policy "web-only" {
  restrict_to_routes = true
  allow_ports        = ["tcp(443)", "udp(53)"]
}

group "engineering" {
  settings = {
    "route" = ["10.10.0.0/16", "10.11.0.0/16"]
    "dns"   = ["10.10.0.53"]
  }
}

group "ops" {
  settings = {
    "route" = ["10.20.0.0/16"]
  }
}

group "contractors" {
  settings = {
    "route" = ["10.30.0.0/16"]
  }
  firewall = "web-only"
}

user "alice" {
  groups        = ["engineering"]
  password_hash = "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/"
}

user "bob" {
  groups        = ["engineering", "ops"]
  password_hash = "$6$J/0jxPP.$2.LLPR8JOa149gnqtP98/R7FNcd1aBfDhP/nlamJxaoLarRaZZYIPLaob/PFYFewxyxcM/gx6/ZZROYo.CBbM/"
  locked        = true
}

user "carol" {
  groups        = ["contractors"]
  password_hash = "$6$jEQ/SljM$/l0Y81XVXD3KGMAmslI9RiOw2PoF.IIKEFhaVApabtQM4a1l3sl82Rqm8BElZ318L3pqyQ8lhMdpFwsq6.YJ60"
  settings = {
    "ipv4-network" = "192.168.100.0/24"
  }
}
