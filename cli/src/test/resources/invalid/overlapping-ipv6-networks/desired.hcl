version = 1

server {
  settings = {
    "auth"         = "plain[passwd=/etc/ocserv/ocpasswd]"
    "tcp-port"     = 443
    "ipv4-network" = "192.168.99.0/24"
    "ipv6-network" = "fd00:1::/48"
  }
}

group "engineering" {
  settings = { "ipv6-network" = "fd00:1:0:5::/64" }
}

user "alice" {
  groups        = ["engineering"]
  password_hash = "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/"
}
