version = 1

server {
  settings = {
    "auth"         = "plain[passwd=/etc/ocserv/ocpasswd]"
    "tcp-port"     = 443
    "ipv4-network" = "192.168.99.0/24"
  }
  ban_allowlist = ["192.0.2.10", "10.1.0.0/16", "2001:db8::/48", "198.51.100.0/33"]
}

user "alice" {
  password_hash = "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/"
}
