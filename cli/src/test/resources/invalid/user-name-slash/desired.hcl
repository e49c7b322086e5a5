version = 1

server {
  settings = {
    "auth"         = "plain[passwd=/etc/ocserv/ocpasswd]"
    "tcp-port"     = 443
    "ipv4-network" = "192.168.99.0/24"
    "route"        = ["10.0.0.0/8"]
  }
}

group "engineering" {
  settings = { "route" = ["10.10.0.0/16"] }
}

user "team/alice" {
  groups        = ["engineering"]
  password_hash = "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/"
  settings      = { "route" = ["10.20.0.0/16"] }
}
