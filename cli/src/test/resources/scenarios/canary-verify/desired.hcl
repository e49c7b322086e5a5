# plan -verify (plan-args): the plan ends with the canary login apply -verify makes.
version = 1

server {
  settings = {
    "auth"             = "plain[passwd=/etc/ocserv/ocpasswd]"
    "tcp-port"         = 14443
    "socket-file"      = "/run/ocserv-socket"
    "device"           = "vpns"
    "server-cert"      = "/etc/ocserv/server-cert.pem"
    "server-key"       = "/etc/ocserv/server-key.pem"
    "ipv4-network"     = "10.70.0.0/24"
    "dns"              = ["10.0.0.53"]
    "config-per-group" = "/etc/ocserv/groups/"
  }
}

group "staff" {
  settings = {
    "route" = ["10.10.0.0/16"]
  }
}

user "canary" {
  groups        = ["staff"]
  password_hash = "$6$J/0jxPP.$2.LLPR8JOa149gnqtP98/R7FNcd1aBfDhP/nlamJxaoLarRaZZYIPLaob/PFYFewxyxcM/gx6/ZZROYo.CBbM/"
}

canary {
  user          = "canary"
  password      = { env = "CANARY_PW" }
  server_cert   = "pin-sha256:/H931CzIHJgQuwjYYlN95kUyDL2UxSQCXIVvLugAqNM="
  expect_routes = ["10.10.0.0/16"]
  expect_dns    = ["10.0.0.53"]
  timeout       = "15s"
}
