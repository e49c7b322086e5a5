# What every host of the fleet runs with. Hosts override certificates, networks and names.
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
    "use-occtl"        = true
    "pid-file"         = "/run/ocserv.pid"
    "device"           = "vpns"
    "default-domain"   = "example.com"
    "ipv4-network"     = "192.168.99.0/24"
    "dns"              = "192.168.99.1"
    "route"            = ["10.0.0.0/8", "172.16.0.0/12"]
    "config-per-user"  = "/etc/ocserv/config-per-user/"
    "config-per-group" = "/etc/ocserv/config-per-group/"
  }
}
