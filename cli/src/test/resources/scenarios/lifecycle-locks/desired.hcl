# Expiry (docs/lifecycle.md): the contractors' accounts ended in 2020, bob's own date wins over
# his group's. (The quota hook is pinned by engine/lifecycle/LifecyclePlanTest: its text names the
# state directory, which differs per run here.)
version = 1

server {
  settings = {
    "auth"              = "plain[passwd=/etc/ocserv/ocpasswd]"
    "tcp-port"          = 443
    "udp-port"          = 443
    "socket-file"       = "/run/ocserv-socket"
    "server-cert"       = "/etc/ocserv/server-cert.pem"
    "server-key"        = "/etc/ocserv/server-key.pem"
    "ipv4-network"      = "192.168.99.0/24"
    "disconnect-script" = "/etc/ocserv/on-disconnect.sh"
    "device"            = "vpns"
  }
}

group "contractors" {
  expires = "2020-06-30"
}

user "alice" {
  groups        = ["contractors"]
  password_hash = "$6$q68DP5Vt$mtnnkd9jyQiCYcd3vE2hmRiiHtRf6wpCCuB3latKWrtXXVn2FQ/BSaXnCv82gD70BwFg9uCozBU3FD8Yk.Vko/"
}

user "bob" {
  groups        = ["contractors"]
  password_hash = "$6$J/0jxPP.$2.LLPR8JOa149gnqtP98/R7FNcd1aBfDhP/nlamJxaoLarRaZZYIPLaob/PFYFewxyxcM/gx6/ZZROYo.CBbM/"
  expires       = "2999-12-31T18:00:00+01:00"
}

user "carol" {
  password_hash = "$6$jEQ/SljM$/l0Y81XVXD3KGMAmslI9RiOw2PoF.IIKEFhaVApabtQM4a1l3sl82Rqm8BElZ318L3pqyQ8lhMdpFwsq6.YJ60"
}
